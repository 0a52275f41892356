"""The CAMEO to PLOVER crosswalk of 17 September 2021: the PLOVER type and mode of each CAMEO code.

:data:`CROSSWALK` names the file, ``CAMEO2PLOVER-2021.txt`` of the PLOVER
repository at commit ``e834df5b3a302f99af1f23cda08fa34b383ca598``, whose
header reads "PLOVER manual version Draft 0.8, 17-September-2021". The
file has only one earlier version, of 15 August 2021 (commit
``6b803a4461b3815a093be067f8b03039c053fc35``), which still had the mode
``host``, the mode ``ease`` on 0813 and 0814, and ``DEMAND`` for ``REQUEST``.

:data:`LINES` transcribes the file's type and mode fields, one line per CAMEO
code, in the file's order (its contexts and CAMEO labels are left out; the
two-digit lines are the file's section headings). The modes are the
crosswalk's own, of its 2021 draft: :mod:`sadr_iran_data.codes.plover`
translates those the 2.0 manual no longer has. Only the standard library is
needed.

>>> from sadr_iran_data.codes.crosswalk import LINES
>>> [line for line in LINES if line.cameo in ("043", "185")]
[Line(cameo='043', plover_type='CONSULT', mode='visit'), Line(cameo='185', plover_type='ASSAULT', mode='assassinate')]
"""

from __future__ import annotations

from typing import NamedTuple

CROSSWALK = (
    "CAMEO to PLOVER conversion table, 'PLOVER manual version Draft 0.8, 17-September-2021', ed. Philip Schrodt: "
    "github.com/openeventdata/PLOVER, file CAMEO2PLOVER-2021.txt at commit e834df5b3a302f99af1f23cda08fa34b383ca598"
)


class Line(NamedTuple):
    """One line of the crosswalk: a CAMEO code, and the PLOVER type and mode (None where the line gives none) it maps to."""

    cameo: str
    plover_type: str
    mode: str | None

    @property
    def root(self) -> str:
        """The CAMEO root (cue category) of the code: its first two digits."""
        return self.cameo[:2]


_TEXT = """
03: AGREE
030: AGREE
031: AGREE
0311: AGREE
0312: AGREE
0313: AGREE
0314: AGREE
032: AGREE
033: AGREE
0331: AGREE
0332: AGREE
0333: AGREE
0334: AGREE
034: AGREE
0341: AGREE
0342: AGREE
0343: AGREE
0344: AGREE
035: AGREE
0351: AGREE
0352: AGREE
0353: AGREE
0354: AGREE
0355: AGREE
0356: AGREE
036: AGREE
037: AGREE
038: AGREE
039: AGREE
04: CONSULT
040: CONSULT
041: CONSULT, phone
042: CONSULT, visit
043: CONSULT, visit
044: CONSULT, third-party
045: CONSULT
046: CONSULT
05: SUPPORT
050: SUPPORT
051: SUPPORT
052: SUPPORT
053: SUPPORT
054: SUPPORT
055: SUPPORT
056: SUPPORT
057: SUPPORT
06: COOPERATE
060: COOPERATE
061: COOPERATE
062: COOPERATE
063: COOPERATE
064: COOPERATE
07: AID
070: AID
071: AID
072: AID
073: AID
074: AID
075: AID
08: CONCEDE
080: CONCEDE
081: CONCEDE
0811: CONCEDE
0812: CONCEDE
082: CONCEDE
083: CONCEDE
0831: CONCEDE
0832: CONCEDE
0833: CONCEDE
0834: CONCEDE
08: RETREAT
084: RETREAT
0841: RETREAT, release
0842: RETREAT, return
085: RETREAT, ease
086: RETREAT, access
0861: RETREAT, access
0862: RETREAT, access
0863: RETREAT, access
087: RETREAT, disarm
0871: RETREAT, ceasefire
0872: RETREAT, withdraw
0873: RETREAT, disarm
0874: RETREAT, disarm
0813: RETREAT
0814: RETREAT
09: ACCUSE
090: ACCUSE, investigate
091: ACCUSE, investigate
092: ACCUSE, investigate
093: ACCUSE, investigate
094: ACCUSE, investigate
10: REQUEST
100: REQUEST
101: REQUEST, assist
1011: REQUEST, assist
1012: REQUEST, assist
1013: REQUEST, assist
1014: REQUEST, assist
102: REQUEST, assist
103: REQUEST, assist
1031: REQUEST, assist
1032: REQUEST, assist
1033: REQUEST, assist
1034: REQUEST, assist
104: REQUEST, change
1041: REQUEST, change
1042: REQUEST, change
1043: REQUEST, change
1044: REQUEST, change
105: REQUEST, change
1051: REQUEST, yield
1052: REQUEST, yield
1053: REQUEST, yield
1054: REQUEST, yield
1055: REQUEST, yield
1056: REQUEST, yield
106: REQUEST, meet
107: REQUEST, meet
108: REQUEST, meet
11: ACCUSE
110: ACCUSE, disapprove
111: ACCUSE, disapprove
112: ACCUSE, disapprove
1121: ACCUSE, allege
1122: ACCUSE, allege
1123: ACCUSE, allege
1124: ACCUSE, allege
1125: ACCUSE, allege
113: ACCUSE, disapprove
114: ACCUSE, allege
115: ACCUSE, allege
116: ACCUSE, disapprove
12: REJECT
120: REJECT
121: REJECT, assist
1211: REJECT, assist
1212: REJECT, assist
1213: REJECT, assist
1214: REJECT, assist
122: REJECT, assist
1221: REJECT, assist
1222: REJECT, assist
1223: REJECT, assist
1224: REJECT, assist
123: REJECT, change
1231: REJECT, change
1232: REJECT, change
1233: REJECT, change
1234: REJECT, change
124: REJECT, change
1241: REJECT, change
1242: REJECT, change
1243: REJECT, yield
1244: REJECT, yield
1245: REJECT, yield
1246: REJECT, yield
125: REJECT, meet
126: REJECT, meet
127: REJECT, meet
128: REJECT, yield
129: REJECT, yield
13: THREATEN
130: THREATEN
131: THREATEN
1311: THREATEN, relations
1312: THREATEN, restrict
1313: THREATEN, relations
132: THREATEN, ban
1321: THREATEN, political
1322: THREATEN, ban
1323: THREATEN, restrict
1324: THREATEN, restrict
133: THREATEN, relations
134: THREATEN, relations
135: THREATEN, relations
136: THREATEN, expel
137: THREATEN, violence
138: THREATEN, violence
1381: THREATEN, restrict
1382: THREATEN, territory
1383: THREATEN, violence
1384: THREATEN, violence
1385: THREATEN, violence
139: THREATEN, relations
14: PROTEST
140: PROTEST
141: PROTEST, demo
1411: PROTEST, demo
1412: PROTEST, demo
1413: PROTEST, demo
1414: PROTEST, demo
142: PROTEST, hunger
1421: PROTEST, hunger
1422: PROTEST, hunger
1423: PROTEST, hunger
1424: PROTEST, hunger
143: PROTEST, boycott
1431: PROTEST, boycott
1432: PROTEST, boycott
1433: PROTEST, boycott
1434: PROTEST, boycott
144: PROTEST, obstruct
1441: PROTEST, obstruct
1442: PROTEST, obstruct
1443: PROTEST, obstruct
1444: PROTEST, obstruct
145: PROTEST, riot
1451: PROTEST, riot
1452: PROTEST, riot
1453: PROTEST, riot
1454: PROTEST, riot
15: MOBILIZE
150: MOBILIZE
151: MOBILIZE, police
152: MOBILIZE, troops
153: MOBILIZE, police
154: MOBILIZE, troops
16: SANCTION
160: SANCTION
161: SANCTION, withdraw
162: SANCTION, discontinue
1621: SANCTION, discontinue
1622: SANCTION, discontinue
1623: SANCTION, discontinue
163: COERCE, restrict
164: SANCTION, withdraw
165: SANCTION, withdraw
166: SANCTION, expel
1661: SANCTION, expel
1662: SANCTION, expel
1663: SANCTION, expel
17: COERCE
170: COERCE
171: COERCE, seize
1711: COERCE, seize
1712: ASSAULT, seize
172: COERCE, restrict
1721: COERCE, restrict
1722: COERCE, ban
1723: COERCE, curfew
1724: COERCE, martial-law
173: COERCE, arrest
174: COERCE, deport
191: COERCE, restrict
192: COERCE, seize
18: ASSAULT
180: ASSAULT
181: ASSAULT, abduct
182: ASSAULT, beat
1821: ASSAULT, sexual
1822: ASSAULT, torture
1823: ASSAULT
183: ASSAULT, suicide-attack
1831: ASSAULT, suicide-attack
1832: ASSAULT, explosives
1833: ASSAULT, explosives
184: ASSAULT, abduct
185: ASSAULT, assassinate
186: ASSAULT, assassinate
175: ASSAULT, pro_autocracy
175: ASSAULT, pro_autocracy
201: ASSAULT, cleansing
19: ASSAULT
190: ASSAULT
193: ASSAULT, firearms
194: ASSAULT, heavy-weapons
195: ASSAULT, heavy-weapons
196: ASSAULT
20: ASSAULT
200: ASSAULT, massacre
202: ASSAULT, massacre
203: ASSAULT, cleansing
204: ASSAULT, unconventional
2041: ASSAULT, unconventional
2042: ASSAULT, unconventional
"""


def _parse(text: str) -> tuple[Line, ...]:
    lines = []
    for raw in text.strip().splitlines():
        cameo, fields = raw.split(": ")
        plover_type, _, mode = fields.partition(", ")
        lines.append(Line(cameo, plover_type, mode or None))
    return tuple(lines)


#: The crosswalk's lines, in its order (175 twice, as the file has it).
LINES: tuple[Line, ...] = _parse(_TEXT)
