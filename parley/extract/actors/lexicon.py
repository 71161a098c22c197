"""Closed word lists the actor rules read: titles, institution words, prepositions and
verbs that decide whether a capital is a place or a government.

Lower-case forms; compare against ``token.lower_`` (or the lemma where noted).
"""

from __future__ import annotations

# Words that head a title or role: a title needs at least one of these.
TITLE_HEADS = frozenset("""
president presidents premier minister ministers chancellor secretary secretary-general
king queen emir sultan sheikh prince princess crown monarch emperor pope ayatollah
leader leaders chief chiefs head commander commander-in-chief envoy envoys negotiator
negotiators aide aides adviser advisor advisers advisors spokesman spokeswoman
spokesperson ambassador ambassadors representative representatives diplomat diplomats
delegate delegates official officials director director-general chairman chairwoman
chair chairperson governor mayor senator congressman congresswoman lawmaker lawmakers
general gen. admiral adm. colonel col. marshal lieutenant lt. major maj. captain capt.
sergeant officer officers speaker judge justice attorney prosecutor counsel counsellor
counselor coordinator commissioner ceo founder strongman dictator ruler regent
cardinal archbishop bishop imam rabbi cleric patriarch mp mep deputy
son daughter wife husband father mother brother sister nephew niece cousin uncle aunt
son-in-law daughter-in-law father-in-law brother-in-law sister-in-law grandson
granddaughter friend ally confidant partner counterpart counterparts successor predecessor
rival opponent adversary
""".split())

# Words that may stand inside a title without heading it.
TITLE_MODIFIERS = frozenset("""
vice prime foreign defence defense interior finance home state national security
special senior chief top lead deputy acting former ex then outgoing incoming interim
first second general supreme military army navy naval air armed forces force staff
presidential executive principal assistant junior permanent high united nations
affairs international foreign-policy policy economic economy trade justice energy
health intelligence envoy peace negotiating delegation team personal longtime
long-time veteran opposition ruling party majority minority parliamentary
council cabinet government administration ministry office department kremlin
in law -in-law in-law - of the for and & mr mrs ms dr sir dame lady lord
""".split())

# Kinship and personal relations: a relation, not an office, so no acting-for.
RELATION_HEADS = frozenset("""
son daughter wife husband father mother brother sister nephew niece cousin uncle aunt
son-in-law daughter-in-law father-in-law brother-in-law sister-in-law grandson
granddaughter friend confidant partner
""".split())

# Relations to someone on another side: no country and no acting-for follow from them.
CONTRAST_HEADS = frozenset("counterpart counterparts rival rivals opponent opponents adversary".split())

# Words of generic institutions: an organisation name made only of these ("Armed
# Forces", "Foreign Ministry") does not identify an actor without a country.
GENERIC_INSTITUTION = frozenset("""
armed forces force army navy air military ministry ministries office department
council security national foreign defence defense interior affairs general staff
cabinet government parliament presidential presidency administration agency service
services committee commission court supreme high central bank police guard guards
intelligence directorate command headquarters state federal joint chiefs of the and
for justice finance economy trade health energy emergency emergencies border coast
special operations ground troops republic people's public prosecutor's prosecutor
""".split())

# Organisation-name words that mark an armed or political group rather than a body.
GROUP_WORDS = frozenset("""
party movement front brigade brigades militia militias rebels insurgents coalition
alliance faction factions guerrillas guerrilla mujahideen jihad
""".split())

# Prepositions whose object is a location.
LOCATIVE_PREPS = frozenset("""
in at near inside outside around across throughout within into onto beyond via
through over under off along past outside atop beneath between amid amidst
""".split()) - {"between"}

# Motion heads: with these "to/from Moscow" is a place (flew to Moscow, trip to Kyiv).
MOTION_HEADS = frozenset("""
travel travels travelled traveled traveling travelling trip trips visit visits visited
fly flies flew flown flight flights go goes went gone come comes came arrive arrives
arrived arrival return returns returned head heads headed move moved moves journey
drive drove road route way deploy deployed deployment send sent evacuate evacuated
evacuation flee fled relocate relocated transfer transferred deliver delivered
shipment ship shipped bring brought take took taken march marched advance advanced
withdraw withdrew withdrawal retreat retreated drove invite invited
""".split())

# Verbs whose direct object is a place even when it is a capital ("visited Moscow").
PLACE_VERBS = frozenset("""
visit tour reach enter leave attack strike hit bomb shell target shelling capture seize
surround besiege storm liberate occupy encircle evacuate defend fortify raid
""".split())

# Head nouns after which a capital used as a modifier stands for its government
# ("Kyiv officials", "Kremlin aide", "Washington's plan" is handled as possessor).
AGENT_NOUNS = frozenset("""
official officials aide aides spokesman spokeswoman spokesperson leader leaders
leadership government regime negotiator negotiators delegation diplomat diplomats
envoy envoys administration authorities ally allies source sources decision
decisions position positions policy policies demand demands offer offers proposal
proposals statement statements plan plans readout insiders adviser advisers advisor
insistence refusal reluctance stance response strategy side team representative
representatives ministry spokespeople officialdom elite elites propaganda narrative
""".split())

# Plural polity nouns a capital may be conjoined or compounded with ("Washington and
# European capitals"): the capital takes the role of that noun.
POLITY_NOUNS = frozenset("capitals governments allies partners countries nations states powers".split())

# Possessive pronouns whose referent a relation points to.
POSSESSIVE_PRONOUNS = frozenset("his her their its".split())

# Prepositions that introduce members of a group ("officials, including X").
MEMBERSHIP_PREPS = frozenset("including among like such as notably".split())

# Words that make a leading span token droppable ("the", "so-called").
LEADING_NOISE = frozenset("the a an this that these those so-called so called then former ex".split())

TRAILING_NOISE = frozenset("'s ’s ' ’ and or , . ; : - – — ( ) \" “ ” ‘".split())

# Peoples of regions, not states: "Europeans", "Western" name no single actor.
REGIONAL_PEOPLES = frozenset("""
european europeans western westerners african africans asian asians arab arabs
latin latino latinos hispanic hispanics nordic baltic balkan gulf scandinavian
scandinavians caucasian middle eastern east-european eastern
""".split())
