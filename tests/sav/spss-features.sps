* A research bureau's file with what SPSS adds to the data: user-missing values (discrete
* and a range), a multiple-dichotomy set, a multiple-category set, a date and labels with
* letters outside ASCII. tests/checks/sav.sh runs it through pspp, once as written (UTF-8)
* and once converted to Windows-1252 (with SET LOCALE in front).
DATA LIST LIST /resp (A6) gem (F2.0) q1 (F2.0) q2 (F2.0) cijfer (F4.1) datum (DATE11)
  o1 o2 o3 (F1.0) c1 c2 (F2.0).
BEGIN DATA
r1 1 1 5 7.5 06-MAR-2025 1 0 1 1 3
r2 2 5 98 8 07-MAR-2025 0 0 1 6 -1
r3 1 2 97 6 08-MAR-2025 1 1 0 2 .
r4 2 9 1 9 08-APR-2025 0 1 0 -2 -1
END DATA.
VARIABLE LABELS resp "Respondentnummer" gem "Gemeente"
  q1 "Ik wist waar ik moest zijn met mijn hulpvraag."
  q2 "Ik werd snel geholpen." cijfer "Rapportcijfer ondersteuning" datum "Datum"
  o1 "Huishoudelijke hulp" o2 "Begeleiding" o3 "Vervoer"
  c1 "Welke voorziening 1" c2 "Welke voorziening 2".
VALUE LABELS gem 1 "Súdwest-Fryslân" 2 "Tiel"
  /q1 1 "Helemaal mee eens" 2 "Mee eens" 3 "Neutraal" 4 "Niet mee eens"
      5 "Helemaal niet mee eens" 9 "Weet niet"
  /q2 5 "Helemaal mee eens" 4 "Mee eens" 3 "Neutraal" 2 "Niet mee eens"
      1 "Helemaal niet mee eens" 97 "Wil niet zeggen" 98 "Geen antwoord"
  /c1 c2 1 "Huishoudelijke hulp" 2 "Begeleiding" 3 "Vervoer" 6 "Dagbesteding"
      -1 "Niet van toepassing" -2 "Weigert".
MISSING VALUES q2 (97 THRU 99) /c1 c2 (LO THRU -1).
MRSETS /MDGROUP NAME=$ond LABEL="Welke ondersteuning krijgt u? (meerdere antwoorden mogelijk)"
    VARIABLES=o1 o2 o3 VALUE=1.
SAVE OUTFILE="@OUT@-md.sav".
SAVE OUTFILE="@OUT@-md.zsav" /ZCOMPRESSED.
* The same question as a multiple-category set: up to two answers in c1, c2.
MRSETS /DELETE NAME=ALL
  /MCGROUP NAME=$vz LABEL="Welke ondersteuning krijgt u? (meerdere antwoorden mogelijk)"
    VARIABLES=c1 c2.
SAVE OUTFILE="@OUT@-mc.sav" /DROP=o1 o2 o3.
