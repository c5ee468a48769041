//! The lexicon: small closed lists of reporting verbs, titles, organisation
//! words, places and stopwords, and the predicates built on them. News prose
//! is formulaic enough that these cover most cases.

use super::*;

/// Verbs that introduce speech when their subject is a name, pronoun or role.
#[rustfmt::skip]
pub(super) const REPORTING_VERBS: &[&str] = &[
    "said", "says", "say", "added", "adds", "argued", "argues", "wrote", "writes", "claimed", "claims", "warned",
    "warns", "vowed", "vows", "insisted", "insists", "accused", "accuses", "called", "calls", "told", "tells", "stated",
    "states", "noted", "notes", "declared", "declares", "tweeted", "tweets", "countered", "counters", "explained",
    "explains", "asked", "asks", "replied", "replies", "responded", "responds", "acknowledged", "acknowledges",
    "admitted", "admits", "announced", "announces", "contended", "contends", "maintained", "maintains", "stressed",
    "stresses", "emphasized", "emphasizes", "predicted", "predicts", "testified", "testifies", "suggested", "suggests",
    "urged", "urges", "conceded", "concedes", "alleged", "alleges", "complained", "complains", "posted",
];

/// Verbs that may precede their subject after a quotation (`"...," said Mayor Jane Doe`).
/// Transitive verbs like "told" are excluded: in `told Fox` the name is the listener.
#[rustfmt::skip]
pub(super) const INVERSION_VERBS: &[&str] = &[
    "said", "says", "added", "adds", "wrote", "writes", "asked", "asks", "argued", "warned", "noted", "countered",
    "explained", "insisted", "replied", "responded", "declared", "stated", "claimed", "tweeted", "stressed",
];

/// Words that may sit between a subject and its verb (`Becerra also said`, `ICE on Tuesday said`).
#[rustfmt::skip]
pub(super) const SKIPPABLE: &[&str] = &[
    "also", "has", "had", "have", "later", "then", "previously", "again", "once", "would", "will", "further", "often",
    "already", "still", "initially", "first", "last", "earlier", "on", "never", "even",
];

/// Role words that precede a name and are stripped from it (`Gov. Jerry Brown` → `Jerry Brown`).
/// Compared lower-case without a trailing period.
#[rustfmt::skip]
pub(super) const TITLES: &[&str] = &[
    "attorney", "general", "gov", "governor", "lt", "sen", "senator", "rep", "representative", "congressman",
    "congresswoman", "assemblyman", "assemblywoman", "assemblymember", "mayor", "sheriff", "director", "president",
    "secretary", "chief", "acting", "deputy", "assistant", "commissioner", "judge", "justice", "councilman",
    "councilwoman", "councilmember", "supervisor", "superintendent", "chairman", "chairwoman", "chair", "spokesman",
    "spokeswoman", "spokesperson", "mr", "mrs", "ms", "dr", "officer", "sgt", "sergeant", "lieutenant", "capt",
    "captain", "det", "detective", "agent", "special", "vice", "speaker", "leader", "ambassador", "administrator",
    "commander", "treasurer", "controller", "clerk", "manager", "state", "rev", "prof", "professor", "minister",
    "chancellor", "trustee", "inspector", "lawyer", "gen", "col", "maj", "adm", "official",
];

/// Titles too generic to identify a person when used alone (`the state said` is not a person).
pub(super) const VAGUE_TITLES: &[&str] = &["state", "acting", "special", "vice", "deputy", "assistant"];

/// Capitalised words that mark an organisation (`Justice Department`, `Border Patrol`).
#[rustfmt::skip]
pub(super) const ORG_WORDS: &[&str] = &[
    "Department", "Dept", "Agency", "Office", "Bureau", "Service", "Services", "Administration", "Commission",
    "Committee", "Council", "Association", "Union", "Coalition", "Alliance", "Foundation", "Institute", "Center",
    "Centre", "University", "College", "School", "Court", "Senate", "House", "Congress", "Party", "Board", "Patrol",
    "Police", "Enforcement", "Security", "Network", "News", "Press", "Times", "Post", "Journal", "Inc", "Corp",
    "Company", "Group", "Project", "Fund", "League", "Society", "Church", "Caucus", "Campaign", "Authority", "District",
    "County", "City", "Ministry", "Government", "Legislature", "Assembly", "Customs", "Immigration", "Guard", "Army",
    "Navy", "Bank", "Club", "Federation", "Organization", "Watch", "Clinic", "Hospital", "Tribune", "Chronicle",
    "Herald", "Gazette", "Liberties", "Initiative",
];

/// Capitalised words that are never part of a name: function words, dates, generic groups.
#[rustfmt::skip]
pub(super) const STOPWORDS: &[&str] = &[
    "The", "A", "An", "But", "And", "Or", "So", "Yet", "Nor", "In", "On", "At", "For", "From", "With", "Without", "By",
    "Of", "To", "As", "If", "When", "While", "After", "Before", "Since", "Until", "Although", "Though", "Because",
    "Despite", "During", "Under", "Over", "Last", "Next", "This", "That", "These", "Those", "It", "Its", "He", "She",
    "They", "We", "I", "You", "His", "Her", "Their", "Our", "My", "Your", "Him", "Them", "Us", "Some", "Many", "Most",
    "All", "Both", "Each", "Every", "Any", "No", "Not", "One", "Two", "Three", "Now", "Then", "Still", "Also",
    "Meanwhile", "However", "Instead", "Earlier", "Later", "Today", "Yesterday", "Tomorrow", "Here", "There", "What",
    "Who", "Why", "How", "Where", "Which", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "June", "July", "August", "September", "October", "November", "December",
    "Somebody", "Nobody", "Everyone", "Everybody", "Someone", "Anyone", "Yes", "Such", "Even", "Just", "Only", "Please",
    "Thanks", "Opinion", "Editorial", "Analysis", "Federal", "Local",
];

/// Capitalised plurals that, alone, name an anonymous group (`Critics say`), not a speaker.
/// Unlike stopwords they may start a real name (`Families United`).
#[rustfmt::skip]
pub(super) const GROUP_WORDS: &[&str] = &[
    "Officials", "Critics", "Experts", "Authorities", "Residents", "Democrats", "Republicans", "Advocates", "Opponents",
    "Supporters", "Lawmakers", "Prosecutors", "Officers", "Others", "Immigrants", "Americans", "Agents", "Activists",
    "Protesters", "Parents", "Students", "Analysts", "Leaders", "People", "Witnesses", "Neighbors", "Workers",
    "Farmers", "Growers", "Families", "Deputies", "Teachers", "Doctors", "Investigators", "Researchers", "Voters",
    "Members", "Organizers", "Employers", "Sheriffs", "Mayors", "Police",
];

/// Weekdays may sit between subject and verb (`Sessions on Tuesday said`).
#[rustfmt::skip]
pub(super) const WEEKDAYS: &[&str] = &[
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
];

/// Places: not people, but they may speak as institutions (`California argued`).
#[rustfmt::skip]
pub(super) const PLACES: &[&str] = &[
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida",
    "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland",
    "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "Ohio",
    "Oklahoma", "Oregon", "Pennsylvania", "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Washington",
    "Wisconsin", "Wyoming", "America", "Mexico", "Canada", "Guatemala", "Honduras", "Oakland", "Chicago", "Sacramento",
    "Fresno", "Denver", "Dallas", "Houston", "Phoenix", "Seattle", "Portland", "Boston", "Atlanta", "Miami", "U.S.",
    "US", "USA", "U.S.A.", "UK", "U.K.",
];

/// First words of multi-word place names (`San Diego`, `New York`).
#[rustfmt::skip]
pub(super) const PLACE_PREFIXES: &[&str] = &[
    "New", "San", "Los", "Las", "Santa", "North", "South", "East", "West", "El", "Fort", "Saint", "St.", "Lake",
    "Mount", "Port", "Rhode", "Puerto", "United",
];

/// Last words of multi-word place names (`Elm Street`, `Central Valley`).
#[rustfmt::skip]
pub(super) const PLACE_SUFFIXES: &[&str] = &[
    "Street", "Avenue", "Road", "Boulevard", "Highway", "Valley", "River", "Island", "Bay", "Beach", "Heights", "Hills",
    "Square", "Parkway", "Lane", "Drive", "Canyon", "Mountains", "States", "Kingdom",
];

/// A name right after one of these is an object (`Growers in the Central Valley say`), not a subject.
#[rustfmt::skip]
pub(super) const PREPOSITIONS: &[&str] = &[
    "in", "of", "from", "at", "for", "with", "near", "across", "on", "by", "to", "into", "about", "against", "over",
    "under", "than", "like", "between", "among", "around", "through", "toward", "towards", "within", "without",
    "outside", "inside", "after", "before", "during", "since",
];

/// Abbreviations whose period belongs to the word (`Gov.`, `Calif.`), not to the sentence.
#[rustfmt::skip]
pub(super) const ABBREVIATIONS: &[&str] = &[
    "Gov", "Sen", "Sens", "Rep", "Reps", "Lt", "Gen", "Col", "Maj", "Capt", "Sgt", "Cpl", "Det", "Dr", "Mr", "Mrs",
    "Ms", "Jr", "Sr", "St", "Rev", "Prof", "Atty", "Supt", "Insp", "Cmdr", "Adm", "Corp", "Inc", "Co", "Ltd", "Dept",
    "Calif", "Ariz", "Tex", "Fla", "Ill", "Mass", "Mich", "Wash", "Ore", "Nev", "Colo", "Conn", "Ga", "Ky", "La", "Md",
    "Minn", "Mo", "Mont", "Neb", "Okla", "Pa", "Tenn", "Va", "Vt", "Wis", "Wyo", "Ala", "Ark", "Kan", "vs", "etc",
    "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec",
];

/// Channels that extend a cue (`said in a statement`, `said at a news conference`, `wrote on Twitter`).
#[rustfmt::skip]
pub(super) const MEDIUMS: &[&str] = &[
    "statement", "interview", "tweet", "post", "letter", "release", "email", "op-ed", "filing", "speech", "lawsuit",
    "memo", "video", "podcast", "conference", "briefing", "hearing", "rally", "twitter", "facebook", "instagram",
    "media", "x", "website", "message", "remarks",
];

/// Words that end a description before a name (`said that ...` is not `said neighbor Tom`).
#[rustfmt::skip]
pub(super) const DESCRIPTOR_STOPS: &[&str] = &[
    "that", "the", "it", "they", "he", "she", "and", "or", "to", "in", "on", "at", "for", "of", "which", "who", "this",
    "there", "we", "a", "an", "would", "was", "is", "had", "has", "not", "by", "with", "from",
];

/// Participles after a comma that make the sentence's subject the speaker (`Lam fired back, saying ...`).
pub(super) const PARTICIPLES: &[&str] = &["saying", "writing", "adding", "arguing", "telling", "calling", "warning"];

/// Listeners that extend a `told` cue (`told reporters`).
#[rustfmt::skip]
pub(super) const AUDIENCES: &[&str] = &[
    "reporters", "journalists", "lawmakers", "supporters", "members", "residents",
];

/// Words that open an appositive (`Becerra, who ..., said`; `Lam, a Democrat, said`).
#[rustfmt::skip]
pub(super) const APPOSITIVE_OPENERS: &[&str] = &[
    "who", "whose", "which", "a", "an", "the", "his", "her", "their", "its", "in", "at", "during", "speaking", "citing",
    "however", "meanwhile", "though", "too",
];

/// Determiners that may precede an object of `told` (`told the council`).
pub(super) const ARTICLES: &[&str] = &["the", "a", "an", "his", "her", "their"];

/// Name suffixes that are not surnames (`Martin Luther King Jr.`).
pub(super) const NAME_SUFFIXES: &[&str] = &["Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"];

/// Lower-case form without a trailing period, the key for title and abbreviation lists.
pub(super) fn norm(word: &str) -> String {
    word.trim_end_matches('.').to_lowercase()
}

pub(super) fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

pub(super) fn is_title(word: &str) -> bool {
    TITLES.contains(&norm(word).as_str())
}

pub(super) fn is_org_word(word: &str) -> bool {
    ORG_WORDS.contains(&word.trim_end_matches('.'))
}

pub(super) fn is_stopword(word: &str) -> bool {
    STOPWORDS.contains(&word)
}

/// All-caps short words (`ICE`, `ACLU`) name organisations; dotted ones (`U.S.`) are places or initials.
pub(super) fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&letters)
        && !word.contains('.')
        && !word.chars().any(char::is_lowercase)
        && !PLACES.contains(&word)
}

/// A word that can be part of a person's name.
pub(super) fn is_name_word(word: &str) -> bool {
    is_capitalized(word) && !is_org_word(word) && !is_title(word) && !is_stopword(word) && !is_acronym(word)
}

pub(super) fn is_place(words: &[&str]) -> bool {
    let joined = words.join(" ");
    let first = words.first().copied().unwrap_or_default();
    let last = words.last().copied().unwrap_or_default();
    PLACES.contains(&joined.as_str())
        || (words.len() > 1 && (PLACE_PREFIXES.contains(&first) || PLACE_SUFFIXES.contains(&last)))
}

/// A lower-case role word that can stand for an earlier-named speaker (`the mayor`, `the department`).
pub(super) fn is_role_word(token: &Token) -> bool {
    let word = norm(token.stem);
    let role = is_title(token.stem) || ORG_WORDS.iter().any(|o| o.eq_ignore_ascii_case(&word));
    role && !token.possessive && !is_capitalized(token.stem) && !VAGUE_TITLES.contains(&word.as_str())
}

/// `a`/`an`: what follows is a new, unnamed speaker (`a DHS spokeswoman said`).
pub(super) fn is_indefinite(word: &str) -> bool {
    matches!(word, "a" | "A" | "an" | "An")
}

pub(super) fn is_determiner(word: &str) -> bool {
    matches!(word, "the" | "The")
}
