"""One table per class of written token (at least twenty cases each), read as a person would.

The expected texts are what narrate hands eSpeak, reviewed case by case. The cases are our own
(none is copied from the evaluation corpora); each table covers one class of inputs.
"""

from __future__ import annotations

import pytest

from narrate.speakable import Lexicon, speakable

NO_LEXICON = Lexicon()

# All-digit dates: ISO year first; day first with - or .; month first with a slash unless the
# first number cannot be a month.
NUMERIC_DATES = [
    ("The law took effect on 2019-03-17.", "The law took effect on March seventeenth, twenty nineteen."),
    ("It was archived on 2007-6-18.", "It was archived on June eighteenth, two thousand seven."),
    ("The memo is dated 17-03-2019.", "The memo is dated March seventeenth, twenty nineteen."),
    (
        "The file was signed 17.03.2019 in Berlin.",
        "The file was signed March seventeenth, twenty nineteen in Berlin.",
    ),
    ("The vote is set for 7/04/2021.", "The vote is set for July fourth, twenty twenty-one."),
    ("He was born 25/12/1990.", "He was born December twenty-fifth, nineteen ninety."),
    ("Payments began 1/15/2020.", "Payments began January fifteenth, twenty twenty."),
    ("The order was dated 12/11/2019.", "The order was dated December eleventh, twenty nineteen."),
    ("Retrieved 2012-02-29.", "Retrieved February twenty-ninth, twenty twelve."),
    ("The war ended 1945-05-08.", "The war ended May eighth, nineteen forty-five."),
    ("Filed on 2001-09-11 at noon.", "Filed on September eleventh, two thousand one at noon."),
    ("The deadline is 2030-01-01.", "The deadline is January first, twenty thirty."),
    ("Minutes of 03/04/2018 were lost.", "Minutes of March fourth, twenty eighteen were lost."),
    ("Released 31-12-1999 worldwide.", "Released December thirty-first, nineteen ninety-nine worldwide."),
    ("On 05/06/07 nothing happened.", "On May sixth, oh seven nothing happened."),
    ("See the entry of 1999-12-31.", "See the entry of December thirty-first, nineteen ninety-nine."),
    ("The meeting on 10/10/2010 was short.", "The meeting on October tenth, twenty ten was short."),
    ("Updated 2016-03-02 by staff.", "Updated March second, twenty sixteen by staff."),
    ("Stamped 2.1.2003 in Vienna.", "Stamped January second, two thousand three in Vienna."),
    ("The court ruled on 2011-11-11.", "The court ruled on November eleventh, twenty eleven."),
    ("The meeting is on 3/4 at noon.", "The meeting is on March fourth at noon."),
    ("Only 3/4 of respondents agreed.", "Only three quarters of respondents agreed."),
    ("Dated 2012/01/05.", "Dated January fifth, twenty twelve."),
]

# Initialisms with dots so eSpeak says letter names; acronyms said as words stay.
LETTERS = [
    ("The FBI and CIA are investigating.", "The F.B.I. and C.I.A. are investigating."),
    ("He works for the EPA.", "He works for the E.P.A."),
    ("She joined the U.N. in 2001.", "She joined the U.N. in two thousand one."),
    ("The ICBM test failed.", "The I.C.B.M. test failed."),
    ("North Korea fired two ICBMs.", "North Korea fired two I.C.B.M.'s."),
    ("The PDF is online.", "The P.D.F. is online."),
    ("Files in the PDFs were lost.", "Files in the P.D.F.'s were lost."),
    ("He earned a B.A. at Yale.", "He earned a B.A. at Yale."),
    ("Washington D.C., Boston and New York.", "Washington D.C., Boston and New York."),
    ("The PC-16 was a hit.", "The P.C. sixteen was a hit."),
    ("Radio Canada's CBC/Radio-Canada merged.", "Radio Canada's C.B.C. slash Radio-Canada merged."),
    ("The U.S.-led coalition expanded.", "The U.S. led coalition expanded."),
    ("It will hurt the U.S.", "It will hurt the U.S."),
    ("The GDP grew.", "The G.D.P. grew."),
    ("A DNA test proved it.", "A D.N.A. test proved it."),
    ("The AFL-CIO endorsed him.", "The A.F.L. C.I.O. endorsed him."),
    ("The agency (EPA) said so.", "The agency, E.P.A., said so."),
    ("NATO and NASA are words.", "NATO and NASA are words."),
    ("The BBC reported it.", "The B.B.C. reported it."),
    ("Visit the UK and the EU.", "Visit the U.K. and the E.U."),
    ("IAAF WORLD MARATHON CUP", "I.A.A.F. WORLD MARATHON CUP"),
    ("ABM AND SPACE DEFENSE", "A.B.M. AND SPACE DEFENSE"),
    ("Nominees: OUTSTANDING WRITING IN A COMEDY SERIES", "Nominees: OUTSTANDING WRITING IN A COMEDY SERIES"),
    ("THE PRESIDENT SPOKE TODAY IN SEOUL", "THE PRESIDENT SPOKE TODAY IN SEOUL"),
    ("BY PARK HYUN-JU, LIM JEONG-WON", "BY PARK HYUN-JU, LIM JEONG-WON"),
    ("TNT BUILDS 3-0 LEAD", "T.N.T. BUILDS three to zero LEAD"),
]

# Abbreviations with or without their period, decided by the words around them: St. Saint or
# Street, Mt, No., titles, state codes, compass points and street types in addresses.
ABBREVIATIONS = [
    ("St. Louis is in Missouri.", "Saint Louis is in Missouri."),
    ("He lives on Main St. in Seoul.", "He lives on Main Street in Seoul."),
    ("They met at 12 Main St in Springfield.", "They met at twelve Main Street in Springfield."),
    ("York St, London, is busy.", "York Street, London, is busy."),
    ("Mt Eden erupted long ago.", "Mount Eden erupted long ago."),
    ("Mt. Everest is tall.", "Mount Everest is tall."),
    ("The No. 1 seed won.", "The number one seed won."),
    ("See vol 24, no 73.", "See volume twenty-four, number seventy-three."),
    ("Gen. Smith and Lt. Col. Park spoke.", "General Smith and Lieutenant Colonel Park spoke."),
    ("Smith vs Jones went to court.", "Smith versus Jones went to court."),
    ("Martin Luther King Jr spoke.", "Martin Luther King Junior spoke."),
    ("Warner Bros Records signed her.", "Warner Brothers Records signed her."),
    ("It is at 1101 W. McKinley Ave, Pomona.", "It is at eleven oh-one West McKinley Avenue, Pomona."),
    (
        "Write to 1600 Pennsylvania Ave NW, Washington.",
        "Write to sixteen hundred Pennsylvania Avenue Northwest, Washington.",
    ),
    ("He lives in Kansas City, MO, now.", "He lives in Kansas City, Missouri, now."),
    ("She moved to Portland, Ore., in 2001.", "She moved to Portland, Oregon, in two thousand one."),
    ("The office is in Austin, TX 78701.", "The office is in Austin, Texas seven eight seven zero one."),
    ("Jane Doe, MD, said so.", "Jane Doe, M.D., said so."),
    ("Ft. Worth is near Dallas.", "Fort Worth is near Dallas."),
    ("Sgt Pepper's band played.", "Sergeant Pepper's band played."),
    ("Fifth Ave. and Abbey Rd in London", "Fifth Avenue and Abbey Road in London"),
    ("It cost Rs 500.", "It cost five hundred rupees."),
    ("Sen. Warren (D-Mass.) said so.", "Senator Warren, Democrat of Massachusetts, said so."),
    ("Rep. Jane Doe (D-NY) voted.", "Representative Jane Doe, Democrat of New York, voted."),
    ("See pp. 45-47.", "See pages forty-five to forty-seven."),
    ("Fig. 3 shows it.", "Figure three shows it."),
    ("Visit 123 Main St today.", "Visit one twenty-three Main Street today."),
    (
        "It is at 2788 San Tomas Expy, Santa Clara, CA 95051.",
        "It is at twenty-seven eighty-eight San Tomas Expressway, Santa Clara, California"
        " nine five zero five one.",
    ),
    ("Apt. 4B is empty.", "Apartment four B is empty."),
    ("I read The Sun.", "I read The Sun."),
]

# Roman numerals: cardinal after a counting word, ordinal after a monarch, a letter or pronoun elsewhere.
ROMAN_NUMERALS = [
    ("World War II ended in 1945.", "World War two ended in nineteen forty-five."),
    ("World War I began in 1914.", "World War one began in nineteen fourteen."),
    ("Charles III was crowned.", "Charles the Third was crowned."),
    ("King Juan Carlos I abdicated.", "King Juan Carlos the First abdicated."),
    ("Pope Benedict XVI resigned.", "Pope Benedict the Sixteenth resigned."),
    ("Henry VIII had six wives.", "Henry the Eighth had six wives."),
    ("Chapter IV opens at sea.", "Chapter four opens at sea."),
    ("Part I covers history.", "Part one covers history."),
    ("Class V devices are rare.", "Class five devices are rare."),
    ("Volume XV is missing.", "Volume fifteen is missing."),
    ("Crocodile Dundee II was a hit.", "Crocodile Dundee two was a hit."),
    ("Super Bowl LVII was played.", "Super Bowl fifty-seven was played."),
    ("Title IX was passed.", "Title nine was passed."),
    ("Malcolm X spoke.", "Malcolm X spoke."),
    ("When Charles I was a boy, I played.", "When Charles I was a boy, I played."),
    ("Yesterday I met Kim.", "Yesterday I met Kim."),
    ("Lim L, Pop V, Goodale MA (2005).", "Lim L, Pop V, Goodale M.A., two thousand five."),
    ("Robert L. Wilson was born.", "Robert L. Wilson was born."),
    ("Louis XIV built Versailles.", "Louis the Fourteenth built Versailles."),
    ("Phase III trials began.", "Phase three trials began."),
]

# Telephone, ISBN/ISSN and other grouped numbers, digit by digit in their groups.
TELEPHONE_AND_ISBN = [
    ("Call (202) 555-0143 now.", "Call two zero two, five five five, zero one four three now."),
    ("Call 202-555-0143 now.", "Call two zero two, five five five, zero one four three now."),
    (
        "Dial 1-800-555-0199 for help.",
        "Dial one, eight hundred, five five five, zero one nine nine for help.",
    ),
    (
        "Call +44 20 7946 0958 in London.",
        "Call plus four four, two zero, seven nine four six, zero nine five eight in London.",
    ),
    ("The hotline number is 555-0143.", "The hotline number is five five five, zero one four three."),
    ("ISBN 0-684-13558-2.", "I.S.B.N. zero, six eight four, one three five five eight, two."),
    (
        "ISBN 978-0-471-33206-0 is the new one.",
        "I.S.B.N. nine seven eight, zero, four seven one, three three two zero six, zero is the new one.",
    ),
    (
        "See ISBN 978-0816648368 there.",
        "See I.S.B.N. nine seven eight, zero eight one six six four eight three six eight there.",
    ),
    ("ISSN 0891-1851 lists it.", "I.S.S.N. zero eight nine one, one eight five one lists it."),
    ("ISBN 1-86508-123-X is rare.", "I.S.B.N. one, eight six five zero eight, one two three, X is rare."),
    ("The code 12-3456-789 was wrong.", "The code one two, three four five six, seven eight nine was wrong."),
    ("Serial 0-02-073610-5 failed.", "Serial zero, zero two, zero seven three six one zero, five failed."),
    ("Call 202.555.0143 today.", "Call two zero two, five five five, zero one four three today."),
    (
        "Reach us at +1 202 555 0143.",
        "Reach us at plus one, two zero two, five five five, zero one four three.",
    ),
    ("Fax (212) 555-1234.", "Fax two one two, five five five, one two three four."),
    ("The part is 3-8311-3754-4.", "The part is three, eight three one one, three seven five four, four."),
    (
        "Phone +33 1 42 68 53 00 now.",
        "Phone plus three three, one, four two, six eight, five three, zero zero now.",
    ),
    ("Text 555-0100 to vote.", "Text five five five, zero one zero zero to vote."),
    (
        "ISBN 3-7705-3380-1 (German).",
        "I.S.B.N. three, seven seven zero five, three three eight zero, one, German.",
    ),
    ("The 1-2-3 order.", "The one, two, three order."),
    ("Call 911 now.", "Call nine one one now."),
    ("They called 150 witnesses.", "They called one hundred fifty witnesses."),
    ("Dial 999 for help.", "Dial nine nine nine for help."),
]

# Measures: unit names, exponents, per, temperatures, context for nm, singular when the measure
# modifies a noun.
MEASURES = [
    ("It flew 155 mm shells.", "It flew one hundred fifty-five millimeter shells."),
    ("The forest covers 294 km².", "The forest covers two hundred ninety-four square kilometers."),
    ("Density was 280/km2.", "Density was two hundred eighty per square kilometer."),
    ("It holds 3 m³ of water.", "It holds three cubic meters of water."),
    ("Filters stop particles of 50 nm.", "Filters stop particles of fifty nanometers."),
    ("A ship 12 nm off the coast.", "A ship twelve nautical miles off the coast."),
    ("The engine makes 173 hp.", "The engine makes one hundred seventy-three horsepower."),
    ("It was 75F outside.", "It was seventy-five degrees Fahrenheit outside."),
    ("Temperatures hit 30C in the heat.", "Temperatures hit thirty degrees Celsius in the heat."),
    ("Grade 5C students came.", "Grade five C students came."),
    ("A .5kg bag.", "A point five kilogram bag."),
    ("It weighs 5 million kg.", "It weighs five million kilograms."),
    ("The cell is 2.5 μm wide.", "The cell is two point five micrometers wide."),
    ("It draws 2 mA.", "It draws two milliamperes."),
    ("A 27V battery.", "A twenty-seven volt battery."),
    ("Winds of 200 km/h hit.", "Winds of two hundred kilometers per hour hit."),
    ("It rose 40°C.", "It rose forty degrees Celsius."),
    ("A 3-4 cm cut.", "A three to four centimeter cut."),
    ("Rainfall of 100 mm fell.", "Rainfall of one hundred millimeters fell."),
    ("The tank holds 10 m3.", "The tank holds ten cubic meters."),
    ("He is 5'11\" tall.", "He is five feet eleven inches tall."),
    ("He is 6ft 2in tall.", "He is six feet two inches tall."),
    ("About 1.2bn people.", "About one point two billion people."),
    ("Some 50k runners.", "Some fifty thousand runners."),
    ("It took 5 min and 2 hrs.", "It took five minutes and two hours."),
    ("Add 2 tbsp of sugar.", "Add two tablespoons of sugar."),
    ("We got 6 in. of snow.", "We got six inches of snow."),
    ("A 55-in. TV.", "A fifty-five inch T.V."),
    ("Add 6 tbsp fruit pectin.", "Add six tablespoons fruit pectin."),
]

# A dash between two numbers, times or amounts is 'to'.
RANGES = [
    ("Open 2pm-5pm daily.", "Open two p.m. to five p.m. daily."),
    ("Store hours are 9-5pm.", "Store hours are nine to five p.m."),
    ("It weighs 10-15 kg.", "It weighs ten to fifteen kilograms."),
    ("Prices rose 5-10%.", "Prices rose five to ten percent."),
    ("It cost $10-$20.", "It cost ten to twenty dollars."),
    ("Between 1950-53 it grew.", "Between nineteen fifty to fifty-three it grew."),
    ("The 2011–12 season.", "The twenty eleven to twelve season."),
    ("Pages 1–18.", "Pages one to eighteen."),
    ("Ages 18-24 voted.", "Ages eighteen to twenty-four voted."),
    ("Temperatures of 20-25 degrees.", "Temperatures of twenty to twenty-five degrees."),
    ("Scores 98–69 were seen.", "Scores ninety-eight to sixty-nine were seen."),
    ("From 1999-2000 it ran.", "From nineteen ninety-nine to two thousand it ran."),
    ("Rounds 1–2 and 4–5.", "Rounds one to two and four to five."),
    ("It took 3-4 weeks.", "It took three to four weeks."),
    ("Open 9 a.m.-noon.", "Open nine a.m. to noon."),
    ("A 10-20 km walk.", "A ten to twenty kilometer walk."),
    ("In 1914-1918 war raged.", "In nineteen fourteen to nineteen eighteen war raged."),
    ("Growth of 2-3% is forecast.", "Growth of two to three percent is forecast."),
    ("Runs 6-8 hours.", "Runs six to eight hours."),
    ("Costs $5-10 million.", "Costs five to ten million dollars."),
    ("The 2020/21 season.", "The twenty twenty to twenty-one season."),
    ("The 1999/00 season.", "The nineteen ninety-nine to two thousand season."),
]

# Clock times, with or without a colon, a.m./p.m., time zones, durations.
TIMES = [
    ("The launch came at 07:10 KST.", "The launch came at seven ten K.S.T."),
    ("We met at 10.30pm.", "We met at ten thirty p.m."),
    ("She left at 1030 am.", "She left at ten thirty a.m."),
    ("It ended at 1.59 p.m.", "It ended at one fifty-nine p.m."),
    ("The bell rang at 4:10 p.m.", "The bell rang at four ten p.m."),
    ("Come at 9 a.m.", "Come at nine a.m."),
    ("The raid began at 2300 GMT.", "The raid began at twenty-three hundred G.M.T."),
    ("Event occurs at 0:02:01.", "Event occurs at zero hours two minutes and one second."),
    ("He ran 2:05:30 flat.", "He ran two hours five minutes and thirty seconds flat."),
    ("Lunch is at 12:00 p.m.", "Lunch is at twelve p.m."),
    ("At 6:05 am it rained.", "At six oh five a.m. it rained."),
    ("Dinner at 7pm.", "Dinner at seven p.m."),
    ("It closes at 11:45 PM.", "It closes at eleven forty-five p.m."),
    ("At 14:00 GMT they landed.", "At fourteen hundred G.M.T. they landed."),
    ("At 5:00 they woke.", "At five o'clock they woke."),
    ("The train at 8.15am left.", "The train at eight fifteen a.m. left."),
    ("Open 9am-5pm.", "Open nine a.m. to five p.m."),
    ("At 3:30, he called.", "At three thirty, he called."),
    ("The show at 8:00 p.m. sold out.", "The show at eight p.m. sold out."),
    ("Noon or 12 pm.", "Noon or twelve p.m."),
    ("Office hours are 9:30-10:30 a.m.", "Office hours are nine thirty to ten thirty a.m."),
    ("Open Mon.-Fri., 9 a.m.-5 p.m.", "Open Monday to Friday, nine a.m. to five p.m."),
    ("Wed. 7 p.m. show.", "Wednesday seven p.m. show."),
    ("I read the Chicago Sun-Times.", "I read the Chicago Sun-Times."),
]

# Amounts with a currency symbol or code.
MONEY = [
    ("It costs $2.00 now.", "It costs two dollars now."),
    ("It costs $3.50 per gallon.", "It costs three dollars and fifty cents per gallon."),
    ("Rent is $20/mo.", "Rent is twenty dollars per month."),
    ("A $5 million fine.", "A five million dollar fine."),
    (
        "Males earned $42,100 versus $26,891.",
        "Males earned forty-two thousand one hundred dollars versus twenty-six thousand eight hundred"
        " ninety-one dollars.",
    ),
    ("$3 million worth of hot dogs.", "three million dollars worth of hot dogs."),
    ("It cost €50.", "It cost fifty euros."),
    ("He paid £1.5bn.", "He paid one point five billion pounds."),
    ("It costs ¥500.", "It costs five hundred yen."),
    ("A $1 coin.", "A one dollar coin."),
    ("It fell to $0.99.", "It fell to ninety-nine cents."),
    ("It rose to $61 billion.", "It rose to sixty-one billion dollars."),
    ("The fee is US$40.", "The fee is forty dollars."),
    ("It costs C$15.", "It costs fifteen Canadian dollars."),
    ("It costs €2.50.", "It costs two euros and fifty cents."),
    ("They raised $1.2 million.", "They raised one point two million dollars."),
    ("It was $10-$20.", "It was ten to twenty dollars."),
    ("It cost $5 a share.", "It cost five dollars a share."),
    ("He paid $100,000.", "He paid one hundred thousand dollars."),
    ("It is ₩1,000.", "It is one thousand won."),
    ("It costs 50p.", "It costs fifty pence."),
    ("Stocks fell 3.2pc.", "Stocks fell three point two percent."),
    ("A 1080p screen.", "A ten eighty p screen."),
]

# Decimals (every written digit, a leading dot) and fractions (with and without units).
DECIMALS_AND_FRACTIONS = [
    ("He hit an .878 average.", "He hit an point eight seven eight average."),
    ("It was 2.60 on average.", "It was two point six zero on average."),
    ("The rate was 3.00 percent.", "The rate was three point zero zero percent."),
    ("It grew 0.5 points.", "It grew zero point five points."),
    ("Nearly 2/3 of the budget.", "Nearly two thirds of the budget."),
    ("Only 1/4 of voters.", "Only one quarter of voters."),
    ("About 3/4 of funds.", "About three quarters of funds."),
    ("Half is 1/2.", "Half is one half."),
    ("It is ⅞ inch wide.", "It is seven eighths inch wide."),
    ("Add 2 1/2 cups.", "Add two and a half cups."),
    ("The dose was 1/2 oz.", "The dose was one half ounce."),
    ("It rose 12.5%.", "It rose twelve point five percent."),
    ("It was 3.14159.", "It was three point one four one five nine."),
    ("A 0.001251 density.", "A zero point zero zero one two five one density."),
    ("The 9/11 attacks.", "The nine eleven attacks."),
    ("Open 24/7.", "Open twenty-four seven."),
    ("Just 1/3 turned out.", "Just one third turned out."),
    ("It grew 1/5.", "It grew one fifth."),
    ("It was 100.00% white.", "It was one hundred point zero zero percent white."),
    ("A .45 pistol.", "A point four five pistol."),
    ("A 3:1 ratio.", "A three to one ratio."),
    ("It is 16/5.", "It is sixteen fifths."),
    ("A 3/5 vote.", "A three fifths vote."),
    ("A 50/50 chance.", "A fifty fifty chance."),
    ("It fell to -1/2.", "It fell to minus one half."),
    ("The bond rose 7/32 in price.", "The bond rose seven thirty-seconds in price."),
]

# Ordinals, alone and in dates (no doubled article).
ORDINALS = [
    ("She finished 1st.", "She finished first."),
    ("He came 2nd.", "He came second."),
    ("The 3rd round.", "The third round."),
    ("The 21st century.", "The twenty-first century."),
    ("On the 21st of October.", "On the twenty-first of October."),
    ("On 21 October it rained.", "On the twenty-first of October it rained."),
    ("Aug. 12 was hot.", "August twelfth was hot."),
    ("The 100th day.", "The one hundredth day."),
    ("The 42nd Street.", "The forty-second Street."),
    ("His 75th birthday.", "His seventy-fifth birthday."),
    ("The 11th hour.", "The eleventh hour."),
    ("Her 13th album.", "Her thirteenth album."),
    ("The 101st Airborne.", "The one hundred first Airborne."),
    ("On May 1st they met.", "On May first they met."),
    ("The 2nd of June.", "The second of June."),
    ("Its 22nd year.", "Its twenty-second year."),
    ("The 3rd Verse.", "The third Verse."),
    ("The 1,000th visitor.", "The one thousandth visitor."),
    ("In the 19th century.", "In the nineteenth century."),
    ("The 5th Avenue store.", "The fifth Avenue store."),
]

TABLES = {
    "numeric_dates": NUMERIC_DATES,
    "letters": LETTERS,
    "abbreviations": ABBREVIATIONS,
    "roman_numerals": ROMAN_NUMERALS,
    "telephone_and_isbn": TELEPHONE_AND_ISBN,
    "measures": MEASURES,
    "ranges": RANGES,
    "times": TIMES,
    "money": MONEY,
    "decimals_and_fractions": DECIMALS_AND_FRACTIONS,
    "ordinals": ORDINALS,
}

CASES = [
    pytest.param(raw, spoken, id=f"{name}:{raw}") for name, table in TABLES.items() for raw, spoken in table
]


@pytest.mark.parametrize("table", list(TABLES.values()), ids=list(TABLES))
def test_every_class_has_twenty_cases(table: list[tuple[str, str]]) -> None:
    assert len(table) >= 20


@pytest.mark.parametrize(("raw", "spoken"), CASES)
def test_class(raw: str, spoken: str) -> None:
    assert speakable(raw, NO_LEXICON) == spoken


@pytest.mark.parametrize(("raw", "spoken"), CASES)
def test_class_is_stable_on_a_second_pass(raw: str, spoken: str) -> None:
    # The script stage may normalise text twice; a second pass must not change the words.
    assert speakable(spoken, NO_LEXICON) == spoken
