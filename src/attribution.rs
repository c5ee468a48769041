//! Speaker attribution: who is talking in each sentence of a news article.
//!
//! `stance` classifies sentences about immigration enforcement, and a stance only means
//! something once we know whose it is: the reporter's (narrator) or a quoted source's.
//! This module finds the speaker with plain, dependency-free heuristics:
//!
//! 1. each sentence is tokenised while tracking quotation marks, so words inside quotes are
//!    never mistaken for attributions;
//! 2. reporting-verb patterns (`X said`, `said X`, `X told Fox`, `according to X`, `X, who ..., said`)
//!    yield a subject, which is a name, a pronoun or a role (`the sheriff`);
//! 3. a per-article registry strips titles, links surnames to full names introduced earlier and
//!    resolves pronouns to the most recent speaker;
//! 4. sentences inside a multi-sentence quotation inherit the quotation's speaker.

/// Who made the statement in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// Canonical name ("Xavier Becerra"), or None for the narrator (unattributed).
    pub speaker: Option<String>,
    /// The sentence contains (or continues) a direct quotation.
    pub quoted: bool,
    /// The words that carried the attribution, e.g. "he said", "told Fox", "according to"; None for narrator.
    ///
    /// A sentence that inherits its speaker from a surrounding quotation carries the cue of the
    /// sentence it inherited from.
    pub cue: Option<String>,
}

/// `sentences` are the article's sentences in order (already split; headlines included as their own items).
pub fn attribute(sentences: &[&str]) -> Vec<Attribution> {
    let mut attributor = Attributor::default();
    for sentence in sentences {
        attributor.push(sentence);
    }
    attributor.finish()
}

// ---------------------------------------------------------------------------------------------
// Lexicon. Small closed lists: news prose is formulaic enough that these cover most cases.
// ---------------------------------------------------------------------------------------------

/// Verbs that introduce speech when their subject is a name, pronoun or role.
#[rustfmt::skip]
const REPORTING_VERBS: &[&str] = &[
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
const INVERSION_VERBS: &[&str] = &[
    "said", "says", "added", "adds", "wrote", "writes", "asked", "asks", "argued", "warned", "noted", "countered",
    "explained", "insisted", "replied", "responded", "declared", "stated", "claimed", "tweeted", "stressed",
];

/// Words that may sit between a subject and its verb (`Becerra also said`, `ICE on Tuesday said`).
#[rustfmt::skip]
const SKIPPABLE: &[&str] = &[
    "also", "has", "had", "have", "later", "then", "previously", "again", "once", "would", "will", "further", "often",
    "already", "still", "initially", "first", "last", "earlier", "on", "never", "even",
];

/// Role words that precede a name and are stripped from it (`Gov. Jerry Brown` → `Jerry Brown`).
/// Compared lower-case without a trailing period.
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "attorney", "general", "gov", "governor", "lt", "sen", "senator", "rep", "representative", "congressman",
    "congresswoman", "assemblyman", "assemblywoman", "assemblymember", "mayor", "sheriff", "director", "president",
    "secretary", "chief", "acting", "deputy", "assistant", "commissioner", "judge", "justice", "councilman",
    "councilwoman", "councilmember", "supervisor", "superintendent", "chairman", "chairwoman", "chair", "spokesman",
    "spokeswoman", "spokesperson", "mr", "mrs", "ms", "dr", "officer", "sgt", "sergeant", "lieutenant", "capt",
    "captain", "det", "detective", "agent", "special", "vice", "speaker", "leader", "ambassador", "administrator",
    "commander", "treasurer", "controller", "clerk", "manager", "state", "rev", "prof", "professor", "minister",
    "chancellor", "trustee", "inspector", "lawyer", "gen", "col", "maj", "adm",
];

/// Titles too generic to identify a person when used alone (`the state said` is not a person).
const VAGUE_TITLES: &[&str] = &["state", "acting", "special", "vice", "deputy", "assistant"];

/// Capitalised words that mark an organisation (`Justice Department`, `Border Patrol`).
#[rustfmt::skip]
const ORG_WORDS: &[&str] = &[
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
const STOPWORDS: &[&str] = &[
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
const GROUP_WORDS: &[&str] = &[
    "Officials", "Critics", "Experts", "Authorities", "Residents", "Democrats", "Republicans", "Advocates", "Opponents",
    "Supporters", "Lawmakers", "Prosecutors", "Officers", "Others", "Immigrants", "Americans", "Agents", "Activists",
    "Protesters", "Parents", "Students", "Analysts", "Leaders", "People", "Witnesses", "Neighbors", "Workers",
    "Farmers", "Growers", "Families", "Deputies", "Teachers", "Doctors", "Investigators", "Researchers", "Voters",
    "Members", "Organizers", "Employers", "Sheriffs", "Mayors", "Police",
];

/// Weekdays may sit between subject and verb (`Sessions on Tuesday said`).
#[rustfmt::skip]
const WEEKDAYS: &[&str] = &[
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
];

/// Places: not people, but they may speak as institutions (`California argued`).
#[rustfmt::skip]
const PLACES: &[&str] = &[
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
const PLACE_PREFIXES: &[&str] = &[
    "New", "San", "Los", "Las", "Santa", "North", "South", "East", "West", "El", "Fort", "Saint", "St.", "Lake",
    "Mount", "Port", "Rhode", "Puerto", "United",
];

/// Last words of multi-word place names (`Elm Street`, `Central Valley`).
#[rustfmt::skip]
const PLACE_SUFFIXES: &[&str] = &[
    "Street", "Avenue", "Road", "Boulevard", "Highway", "Valley", "River", "Island", "Bay", "Beach", "Heights", "Hills",
    "Square", "Parkway", "Lane", "Drive", "Canyon", "Mountains", "States", "Kingdom",
];

/// A name right after one of these is an object (`Growers in the Central Valley say`), not a subject.
#[rustfmt::skip]
const PREPOSITIONS: &[&str] = &[
    "in", "of", "from", "at", "for", "with", "near", "across", "on", "by", "to", "into", "about", "against", "over",
    "under", "than", "like", "between", "among", "around", "through", "toward", "towards", "within", "without",
    "outside", "inside", "after", "before", "during", "since",
];

/// Abbreviations whose period belongs to the word (`Gov.`, `Calif.`), not to the sentence.
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    "Gov", "Sen", "Sens", "Rep", "Reps", "Lt", "Gen", "Col", "Maj", "Capt", "Sgt", "Cpl", "Det", "Dr", "Mr", "Mrs",
    "Ms", "Jr", "Sr", "St", "Rev", "Prof", "Atty", "Supt", "Insp", "Cmdr", "Adm", "Corp", "Inc", "Co", "Ltd", "Dept",
    "Calif", "Ariz", "Tex", "Fla", "Ill", "Mass", "Mich", "Wash", "Ore", "Nev", "Colo", "Conn", "Ga", "Ky", "La", "Md",
    "Minn", "Mo", "Mont", "Neb", "Okla", "Pa", "Tenn", "Va", "Vt", "Wis", "Wyo", "Ala", "Ark", "Kan", "vs", "etc",
    "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec",
];

/// Channels that extend a cue (`said in a statement`, `said at a news conference`, `wrote on Twitter`).
#[rustfmt::skip]
const MEDIUMS: &[&str] = &[
    "statement", "interview", "tweet", "post", "letter", "release", "email", "op-ed", "filing", "speech", "lawsuit",
    "memo", "video", "podcast", "conference", "briefing", "hearing", "rally", "twitter", "facebook", "instagram",
];

/// Listeners that extend a `told` cue (`told reporters`).
#[rustfmt::skip]
const AUDIENCES: &[&str] = &[
    "reporters", "journalists", "lawmakers", "supporters", "members", "residents",
];

/// Words that open an appositive (`Becerra, who ..., said`; `Lam, a Democrat, said`).
#[rustfmt::skip]
const APPOSITIVE_OPENERS: &[&str] = &[
    "who", "whose", "which", "a", "an", "the", "his", "her", "their", "its", "in", "at", "during", "speaking", "citing",
    "however", "meanwhile", "though", "too",
];

/// Determiners that may precede an object of `told` (`told the council`).
const ARTICLES: &[&str] = &["the", "a", "an", "his", "her", "their"];

/// Name suffixes that are not surnames (`Martin Luther King Jr.`).
const NAME_SUFFIXES: &[&str] = &["Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"];

/// Lower-case form without a trailing period, the key for title and abbreviation lists.
fn norm(word: &str) -> String {
    word.trim_end_matches('.').to_lowercase()
}

fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn is_title(word: &str) -> bool {
    TITLES.contains(&norm(word).as_str())
}

fn is_org_word(word: &str) -> bool {
    ORG_WORDS.contains(&word.trim_end_matches('.'))
}

fn is_stopword(word: &str) -> bool {
    STOPWORDS.contains(&word)
}

/// All-caps short words (`ICE`, `ACLU`) name organisations; dotted ones (`U.S.`) are places or initials.
fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&letters)
        && !word.contains('.')
        && !word.chars().any(char::is_lowercase)
        && !PLACES.contains(&word)
}

/// A word that can be part of a person's name.
fn is_name_word(word: &str) -> bool {
    is_capitalized(word) && !is_org_word(word) && !is_title(word) && !is_stopword(word) && !is_acronym(word)
}

fn is_place(words: &[&str]) -> bool {
    let joined = words.join(" ");
    let first = words.first().copied().unwrap_or_default();
    let last = words.last().copied().unwrap_or_default();
    PLACES.contains(&joined.as_str())
        || (words.len() > 1 && (PLACE_PREFIXES.contains(&first) || PLACE_SUFFIXES.contains(&last)))
}

/// A lower-case role word that can stand for an earlier-named speaker (`the mayor`, `the department`).
fn is_role_word(token: &Token) -> bool {
    let word = norm(token.stem);
    let role = is_title(token.stem) || ORG_WORDS.iter().any(|o| o.eq_ignore_ascii_case(&word));
    role && !token.possessive && !is_capitalized(token.stem) && !VAGUE_TITLES.contains(&word.as_str())
}

fn is_determiner(word: &str) -> bool {
    matches!(word, "the" | "The")
}

// ---------------------------------------------------------------------------------------------
// Tokens. Quotation state is tracked here because everything downstream must ignore quoted words.
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Punct,
    /// An opening quotation mark.
    Open,
    /// A closing quotation mark.
    Close,
}

#[derive(Debug, Clone)]
struct Token<'a> {
    /// Surface text, e.g. `Becerra's`.
    text: &'a str,
    /// Text without a possessive ending, e.g. `Becerra`.
    stem: &'a str,
    kind: Kind,
    /// Byte offsets into the sentence, used to quote the cue verbatim.
    start: usize,
    end: usize,
    in_double: bool,
    in_single: bool,
    possessive: bool,
}

impl Token<'_> {
    fn quoted(&self) -> bool {
        self.in_double || self.in_single
    }
}

/// Splits a sentence into words, punctuation and quote marks.
///
/// Double quotes carry over between sentences (a quotation may span several); single quotes
/// only nest inside a sentence, because a lone `'` is far more often an apostrophe.
struct Lexer<'a> {
    src: &'a str,
    chars: Vec<(usize, char)>,
    pos: usize,
    double: bool,
    single: bool,
    single_opened_at: Option<usize>,
    tokens: Vec<Token<'a>>,
}

impl<'a> Lexer<'a> {
    fn new(src: &'a str, in_quote: bool) -> Self {
        let chars = src.char_indices().collect();
        Lexer { src, chars, pos: 0, double: in_quote, single: false, single_opened_at: None, tokens: Vec::new() }
    }

    /// Returns the tokens and whether a double quotation is still open at the end.
    fn run(mut self) -> (Vec<Token<'a>>, bool) {
        while let Some(c) = self.peek(self.pos) {
            if c.is_whitespace() {
                self.pos += 1;
            } else if c.is_alphanumeric() {
                self.word();
            } else {
                self.mark(c);
            }
        }
        self.drop_unclosed_single();
        (self.tokens, self.double)
    }

    fn peek(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|&(_, c)| c)
    }

    fn offset(&self, i: usize) -> usize {
        self.chars.get(i).map_or(self.src.len(), |&(o, _)| o)
    }

    fn alnum_at(&self, i: usize) -> bool {
        self.peek(i).is_some_and(char::is_alphanumeric)
    }

    fn text(&self, from: usize, to: usize) -> &'a str {
        self.src.get(self.offset(from)..self.offset(to)).unwrap_or("")
    }

    /// A word keeps inner apostrophes, periods and hyphens (`don't`, `U.S`, `400-acre`) and a
    /// possessive ending (`Becerra's`, `Sessions'`).
    fn word(&mut self) {
        let start = self.pos;
        let mut end = start + 1;
        while let Some(c) = self.peek(end) {
            let inner = matches!(c, '\'' | '’' | '.' | '-' | '&') && self.alnum_at(end + 1);
            if !(c.is_alphanumeric() || inner) {
                break;
            }
            end += 1;
        }
        let mut stem_end = end;
        let mut possessive = false;
        if self.ends_with_apostrophe_s(start, end) {
            possessive = true;
            stem_end = end - 2;
        } else if self.bare_possessive_apostrophe(end) {
            possessive = true;
            end += 1;
        } else if self.peek(end) == Some('.') && keeps_period(self.text(start, end)) {
            end += 1;
            stem_end = end;
        }
        self.push(start, end, stem_end, Kind::Word, possessive);
        self.pos = end;
    }

    fn ends_with_apostrophe_s(&self, start: usize, end: usize) -> bool {
        end >= start + 3
            && matches!(self.peek(end - 1), Some('s' | 'S'))
            && matches!(self.peek(end - 2), Some('\'' | '’'))
    }

    /// `Sessions'`: an apostrophe after a final s, unless it closes a single-quoted phrase.
    fn bare_possessive_apostrophe(&self, end: usize) -> bool {
        !self.single
            && matches!(self.peek(end), Some('\'' | '’'))
            && end > 0
            && matches!(self.peek(end - 1), Some('s' | 'S'))
            && !self.alnum_at(end + 1)
    }

    /// Quote marks and punctuation. A straight `"` closes an open quotation, except as the first
    /// character of a sentence: news style repeats the opening mark at each paragraph of a long quote.
    fn mark(&mut self, c: char) {
        let at = self.pos;
        let kind = match c {
            '"' if self.double && !self.tokens.is_empty() => self.close_double(),
            '"' | '“' | '«' => self.open_double(),
            '”' | '»' => self.close_double(),
            '‘' => self.open_single(),
            '\'' if self.opens_single(at) => self.open_single(),
            '\'' | '’' if self.single => self.close_single(),
            _ => Kind::Punct,
        };
        self.push(at, at + 1, at + 1, kind, false);
        self.pos += 1;
    }

    /// A straight `'` opens a quotation only at a word start: `'No` but not `don't` or `90s'`.
    fn opens_single(&self, at: usize) -> bool {
        let before = at.checked_sub(1).and_then(|i| self.peek(i));
        let after_space = before.is_none_or(|p| p.is_whitespace() || "\"“«(—–-[".contains(p));
        after_space && self.peek(at + 1).is_some_and(char::is_alphabetic)
    }

    fn open_double(&mut self) -> Kind {
        self.double = true;
        Kind::Open
    }

    fn close_double(&mut self) -> Kind {
        self.double = false;
        self.single = false;
        self.single_opened_at = None;
        Kind::Close
    }

    fn open_single(&mut self) -> Kind {
        self.single = true;
        self.single_opened_at = Some(self.tokens.len());
        Kind::Open
    }

    fn close_single(&mut self) -> Kind {
        self.single = false;
        self.single_opened_at = None;
        Kind::Close
    }

    /// An unmatched single quote was probably an apostrophe: un-quote what followed it.
    fn drop_unclosed_single(&mut self) {
        if !self.single {
            return;
        }
        if let Some(at) = self.single_opened_at {
            if let Some(token) = self.tokens.get_mut(at) {
                token.kind = Kind::Punct;
            }
            for token in self.tokens.iter_mut().skip(at) {
                token.in_single = false;
            }
        }
    }

    fn push(&mut self, start: usize, end: usize, stem_end: usize, kind: Kind, possessive: bool) {
        let (start, end, stem_end) = (self.offset(start), self.offset(end), self.offset(stem_end));
        let text = self.src.get(start..end).unwrap_or("");
        let stem = self.src.get(start..stem_end).unwrap_or(text);
        let inside = matches!(kind, Kind::Word | Kind::Punct);
        self.tokens.push(Token {
            text,
            stem,
            kind,
            start,
            end,
            in_double: inside && self.double,
            in_single: inside && self.single,
            possessive,
        });
    }
}

fn keeps_period(word: &str) -> bool {
    let single_initial = word.chars().count() == 1 && is_capitalized(word);
    word.contains('.') || single_initial || ABBREVIATIONS.contains(&word)
}

// ---------------------------------------------------------------------------------------------
// Datelines. `WASHINGTON (AP) —` names a place and an agency, never a speaker.
// ---------------------------------------------------------------------------------------------

/// Returns the sentence without a leading dateline such as `LOS ANGELES —` or `FRESNO, Calif. (AP) —`.
fn strip_dateline(text: &str) -> &str {
    let Some((at, len)) = first_dash(text) else { return text };
    let (Some(head), Some(rest)) = (text.get(..at), text.get(at + len..)) else {
        return text;
    };
    let rest = rest.trim_start();
    let continues = rest.chars().next().is_some_and(|c| c.is_uppercase() || matches!(c, '"' | '“'));
    if at <= 60 && continues && is_dateline(head) {
        rest
    } else {
        text
    }
}

fn first_dash(text: &str) -> Option<(usize, usize)> {
    ["—", "–", "--", " - "].iter().filter_map(|dash| text.find(dash).map(|at| (at, dash.len()))).min()
}

/// An all-caps place, optionally followed by `, Region` and a parenthesised agency.
fn is_dateline(head: &str) -> bool {
    let mut depth = 0usize;
    let mut cleaned = String::new();
    for c in head.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => cleaned.push(c),
            _ => {}
        }
    }
    let (place, region) = cleaned.split_once(',').unwrap_or((&cleaned, ""));
    let place: Vec<&str> = place.split_whitespace().collect();
    let shouting =
        |w: &&str| w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase);
    !place.is_empty() && place.len() <= 4 && place.iter().all(shouting) && region.split_whitespace().all(is_capitalized)
}

// ---------------------------------------------------------------------------------------------
// Name chunks: runs of capitalised words (plus lower-case titles such as `spokesman`).
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy)]
struct Chunk {
    start: usize,
    end: usize,
    /// Ends in a possessive (`CNN's`, `Sessions'`): a mention, never a subject.
    possessive: bool,
}

/// A token that may belong to a name chunk.
fn is_namey(token: &Token) -> bool {
    token.kind == Kind::Word && !is_stopword(token.stem) && (is_capitalized(token.stem) || is_title(token.stem))
}

fn name_chunks(tokens: &[Token]) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let (chunk, next) = chunk_from(tokens, i);
        chunks.extend(chunk);
        i = next.max(i + 1);
    }
    chunks
}

/// Grows a chunk from `start`; returns it (if it holds a capitalised word) and where to resume.
fn chunk_from(tokens: &[Token], start: usize) -> (Option<Chunk>, usize) {
    let quoted = tokens.get(start).is_some_and(Token::quoted);
    let mut end = start;
    let mut possessive = false;
    while let Some(token) = tokens.get(end).filter(|t| is_namey(t) && t.quoted() == quoted) {
        end += 1;
        if token.possessive {
            possessive = true;
            break;
        }
        if joiner_links(tokens, end) {
            end += 1;
        }
    }
    let mut last = end;
    while last > start && tokens.get(last - 1).is_some_and(|t| !is_capitalized(t.stem)) {
        last -= 1;
    }
    let chunk = (last > start).then_some(Chunk { start, end: last, possessive: possessive && last == end });
    (chunk, end)
}

/// `of`/`for` continue an organisation or title (`Department of Homeland Security`,
/// `Secretary of State`); `and` only joins two organisation words (`Immigration and Customs`).
fn joiner_links(tokens: &[Token], at: usize) -> bool {
    let prev = at.checked_sub(1).and_then(|i| tokens.get(i));
    let (Some(prev), Some(join), Some(next)) = (prev, tokens.get(at), tokens.get(at + 1)) else {
        return false;
    };
    if !is_namey(next) || !is_capitalized(next.stem) || join.quoted() != next.quoted() {
        return false;
    }
    match join.text {
        "of" | "for" => is_org_word(prev.stem) || is_title(prev.stem),
        "and" | "&" => is_org_word(prev.stem) && is_org_word(next.stem),
        _ => false,
    }
}

/// What a chunk names.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Name {
    /// Name words with titles stripped, plus the stripped titles (lower-case).
    Person {
        words: Vec<String>,
        titles: Vec<String>,
    },
    Org(String),
    Place(String),
}

fn owned(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| (*w).to_string()).collect()
}

fn classify(words: &[&str]) -> Option<Name> {
    match words {
        [] => return None,
        [only] if GROUP_WORDS.contains(only) => return None,
        _ => {}
    }
    if let Some(person) = titled_person(words) {
        return Some(person);
    }
    let single_acronym = words.len() == 1 && words.iter().all(|w| is_acronym(w));
    if single_acronym || (words.len() > 1 && words.iter().any(|w| is_org_word(w))) {
        return Some(Name::Org(words.join(" ")));
    }
    if is_place(words) {
        return Some(Name::Place(words.join(" ")));
    }
    let words = drop_leading_place(words);
    let plausible = words.len() <= 4 && words.iter().all(|w| is_name_word(w));
    plausible.then(|| Name::Person { words: owned(words), titles: Vec::new() })
}

/// `California Attorney General Xavier Becerra` → person `Xavier Becerra`, titles `attorney, general`.
fn titled_person(words: &[&str]) -> Option<Name> {
    let last_title = words.iter().rposition(|w| is_title(w))?;
    let name = words.get(last_title + 1..)?;
    if name.is_empty() || name.len() > 4 || !name.iter().all(|w| is_name_word(w)) {
        return None;
    }
    let titles = words.get(..=last_title).unwrap_or_default();
    let titles = titles.iter().filter(|w| is_title(w)).map(|w| norm(w)).collect();
    Some(Name::Person { words: owned(name), titles })
}

/// `California Becerra` → `Becerra`: a leading state name is a modifier, not a first name.
fn drop_leading_place<'w>(words: &'w [&'w str]) -> &'w [&'w str] {
    match words {
        [first, rest @ ..] if !rest.is_empty() && PLACES.contains(first) => rest,
        _ => words,
    }
}

// ---------------------------------------------------------------------------------------------
// Parsed sentences and attribution cues.
// ---------------------------------------------------------------------------------------------

struct Parsed<'a> {
    text: &'a str,
    tokens: Vec<Token<'a>>,
    chunks: Vec<Chunk>,
    starts_in_quote: bool,
    ends_in_quote: bool,
}

impl<'a> Parsed<'a> {
    fn new(sentence: &'a str, in_quote: bool) -> Self {
        let text = strip_dateline(sentence);
        let (tokens, ends_in_quote) = Lexer::new(text, in_quote).run();
        let chunks = name_chunks(&tokens);
        Parsed { text, tokens, chunks, starts_in_quote: in_quote, ends_in_quote }
    }

    /// The word at `i` if it is outside any quotation.
    fn open_word(&self, i: usize) -> Option<&Token<'a>> {
        self.tokens.get(i).filter(|t| t.kind == Kind::Word && !t.quoted())
    }

    /// The sentence text from token `from` through token `to`.
    fn span(&self, from: usize, to: usize) -> String {
        let start = self.tokens.get(from).map_or(0, |t| t.start);
        let end = self.tokens.get(to).map_or(start, |t| t.end);
        self.text.get(start..end).unwrap_or_default().to_string()
    }

    fn stems(&self, chunk: &Chunk) -> Vec<&'a str> {
        let tokens = self.tokens.get(chunk.start..chunk.end).unwrap_or_default();
        tokens.iter().map(|t| t.stem).collect()
    }

    fn chunk_ending_at(&self, last: usize) -> Option<&Chunk> {
        self.chunks.iter().find(|c| c.end == last + 1)
    }

    fn chunk_starting_at(&self, first: usize) -> Option<&Chunk> {
        self.chunks.iter().find(|c| c.start == first)
    }

    fn is_quoted(&self) -> bool {
        self.starts_in_quote || self.tokens.iter().any(|t| t.quoted() || matches!(t.kind, Kind::Open | Kind::Close))
    }

    fn starts_with_quote_mark(&self) -> bool {
        self.tokens.first().is_some_and(|t| t.kind == Kind::Open)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pronoun {
    He,
    She,
    They,
    It,
}

impl Pronoun {
    fn parse(word: &str) -> Option<Self> {
        match word {
            "he" | "He" => Some(Pronoun::He),
            "she" | "She" => Some(Pronoun::She),
            "they" | "They" => Some(Pronoun::They),
            "it" | "It" => Some(Pronoun::It),
            _ => None,
        }
    }

    fn gender(self) -> Option<Gender> {
        match self {
            Pronoun::He => Some(Gender::Male),
            Pronoun::She => Some(Gender::Female),
            Pronoun::They | Pronoun::It => None,
        }
    }
}

/// The grammatical subject of a reporting verb, before resolution against the article so far.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Subject {
    Named(Name),
    Pronoun(Pronoun),
    /// A lower-case role standing for someone named earlier: `the sheriff`, `the department`.
    Role(String),
}

#[derive(Debug, Clone)]
struct Cue {
    subject: Subject,
    /// Token index of the subject, to order it against earlier mentions.
    at: usize,
    text: String,
}

/// All candidate attributions outside quotations, in sentence order.
fn find_cues(p: &Parsed) -> Vec<Cue> {
    let mut cues = Vec::new();
    for (i, token) in p.tokens.iter().enumerate() {
        if p.open_word(i).is_none() {
            continue;
        }
        if token.text.eq_ignore_ascii_case("according") && p.open_word(i + 1).is_some_and(|t| t.text == "to") {
            if let Some((subject, at)) = subject_after(p, i + 2) {
                cues.push(Cue { subject, at, text: p.span(i, i + 1) });
            }
        } else if REPORTING_VERBS.contains(&token.text) {
            cues.extend(verb_cue(p, i));
        } else if token.text == "saying" && i > 0 && p.tokens.get(i - 1).is_some_and(|t| t.text == ",") {
            // `Becerra fired back hours later, saying ...`: the sentence's subject speaks.
            if let Some((subject, at)) = subject_after(p, 0) {
                cues.push(Cue { subject, at, text: p.span(i, i) });
            }
        }
    }
    cues
}

/// `X said`, `he said`, or after a quotation `said X`.
fn verb_cue(p: &Parsed, verb: usize) -> Option<Cue> {
    let end = phrase_end(p, verb);
    if let Some((subject, at)) = subject_before(p, verb) {
        let from = if matches!(subject, Subject::Pronoun(_)) { at } else { verb };
        return Some(Cue { subject, at, text: p.span(from, end) });
    }
    let inverts = p.tokens.get(verb).is_some_and(|t| INVERSION_VERBS.contains(&t.text));
    if inverts && follows_quote_or_comma(p, verb) {
        let (subject, at) = subject_after(p, verb + 1)?;
        return Some(Cue { subject, at, text: p.span(verb, end) });
    }
    None
}

fn follows_quote_or_comma(p: &Parsed, verb: usize) -> bool {
    let prev = verb.checked_sub(1).and_then(|i| p.tokens.get(i));
    prev.is_some_and(|t| t.kind == Kind::Close || (t.kind == Kind::Punct && t.text == ","))
}

/// Last token of the cue: the verb, plus a `told` listener and a medium (`in a statement`).
fn phrase_end(p: &Parsed, verb: usize) -> usize {
    let told = p.tokens.get(verb).is_some_and(|t| matches!(t.text, "told" | "tells"));
    let end = if told { listener_end(p, verb) } else { verb };
    medium_end(p, end + 1).unwrap_or(end)
}

/// `told Fox`, `told reporters`, `told CNN's Anderson Cooper`, `told the council`.
fn listener_end(p: &Parsed, verb: usize) -> usize {
    let mut end = verb;
    for j in verb + 1..verb + 6 {
        let Some(token) = p.open_word(j) else { break };
        let after_article = j > verb + 1 && p.tokens.get(j - 1).is_some_and(|t| ARTICLES.contains(&t.text));
        let proper = is_capitalized(token.stem) && !is_stopword(token.stem);
        let article = j == verb + 1 && ARTICLES.contains(&token.text);
        if !(proper || article || after_article || AUDIENCES.contains(&token.text)) {
            break;
        }
        end = j;
    }
    let dangling_article = end > verb && p.tokens.get(end).is_some_and(|t| ARTICLES.contains(&t.text));
    if dangling_article {
        end - 1
    } else {
        end
    }
}

/// `in a statement`, `at a news conference`, `on Twitter`.
fn medium_end(p: &Parsed, at: usize) -> Option<usize> {
    let preposition = p.open_word(at)?;
    if !matches!(preposition.text, "in" | "at" | "on") {
        return None;
    }
    (at + 1..at + 5)
        .map_while(|j| p.open_word(j).map(|t| (j, t)))
        .find(|(_, t)| MEDIUMS.contains(&t.text.to_lowercase().as_str()))
        .map(|(j, _)| j)
}

/// The subject left of a verb, with the token index where it starts.
fn subject_before(p: &Parsed, verb: usize) -> Option<(Subject, usize)> {
    let mut k = verb.checked_sub(1)?;
    while p.open_word(k).is_some_and(is_skippable) {
        k = k.checked_sub(1)?;
    }
    let token = p.tokens.get(k)?;
    if token.quoted() {
        return None;
    }
    if token.kind == Kind::Punct && token.text == "," {
        return appositive_subject(p, k);
    }
    if token.kind != Kind::Word {
        return None;
    }
    if let Some(pronoun) = Pronoun::parse(token.text) {
        return (!is_relative_object(p, k)).then_some((Subject::Pronoun(pronoun), k));
    }
    named_or_role_ending_at(p, k)
}

/// `What he said was false`: the clause is an object of the sentence, not an attribution.
fn is_relative_object(p: &Parsed, pronoun: usize) -> bool {
    let prev = pronoun.checked_sub(1).and_then(|i| p.open_word(i));
    prev.is_some_and(|t| matches!(t.text, "what" | "What" | "whatever" | "Whatever"))
}

fn is_skippable(token: &Token) -> bool {
    let adverb = token.text.len() > 4 && token.text.ends_with("ly") && !matches!(token.text, "early" | "family");
    SKIPPABLE.contains(&token.text) || WEEKDAYS.contains(&token.text) || adverb
}

/// `X, who ..., said` / `X, a Democrat, said`: skip back over the appositive to the name.
fn appositive_subject(p: &Parsed, comma: usize) -> Option<(Subject, usize)> {
    let mut j = comma;
    loop {
        j = j.checked_sub(1)?;
        let token = p.tokens.get(j)?;
        if token.quoted() || matches!(token.kind, Kind::Open | Kind::Close) || comma - j > 30 {
            return None;
        }
        if token.kind == Kind::Punct && token.text == "," {
            break;
        }
    }
    let opener = p.open_word(j + 1)?;
    let opens = APPOSITIVE_OPENERS.contains(&opener.text)
        || opener.text.starts_with(|c: char| c.is_ascii_digit())
        || is_party_tag(opener.text)
        || is_title(opener.stem);
    if j + 1 == comma || !opens {
        return None;
    }
    named_or_role_ending_at(p, j.checked_sub(1)?)
}

/// `D-Calif.`, `R-Texas`: the party-and-state tag after a legislator's name.
fn is_party_tag(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some('D' | 'R' | 'I'), Some('-')))
}

fn named_or_role_ending_at(p: &Parsed, last: usize) -> Option<(Subject, usize)> {
    match p.chunk_ending_at(last) {
        Some(chunk) if chunk.possessive || after_preposition(p, chunk.start) => None,
        Some(chunk) => Some((Subject::Named(classify(&p.stems(chunk))?), chunk.start)),
        None => role_ending_at(p, last),
    }
}

fn after_preposition(p: &Parsed, start: usize) -> bool {
    let mut j = start;
    if j > 0 && p.tokens.get(j - 1).is_some_and(|t| is_determiner(t.text)) {
        j -= 1;
    }
    let prev = j.checked_sub(1).and_then(|i| p.tokens.get(i));
    prev.is_some_and(|t| t.kind == Kind::Word && PREPOSITIONS.contains(&t.text))
}

/// `the mayor said`, `the county sheriff said`: a role preceded by `the`.
/// `the Trump administration said`: a name plus an organisation word is an organisation.
fn role_ending_at(p: &Parsed, last: usize) -> Option<(Subject, usize)> {
    let head = p.open_word(last).filter(|t| is_role_word(t))?;
    let mut j = last;
    while let Some(token) = j.checked_sub(1).and_then(|i| p.open_word(i)) {
        if is_determiner(token.text) {
            return Some((Subject::Role(norm(head.stem)), j - 1));
        }
        if is_capitalized(token.stem) {
            return named_organisation(p, j - 1, last);
        }
        if !is_role_word(token) {
            return None;
        }
        j -= 1;
    }
    None
}

/// `the Trump administration`, `the Oakland police department`: `the` + name chunk ending at
/// `name_end` + lower-case organisation words through `last`.
fn named_organisation(p: &Parsed, name_end: usize, last: usize) -> Option<(Subject, usize)> {
    let chunk = p.chunk_ending_at(name_end).filter(|c| !c.possessive)?;
    let the = chunk.start.checked_sub(1).and_then(|i| p.open_word(i)).filter(|t| is_determiner(t.text))?;
    let role_words = p.tokens.get(name_end + 1..=last).unwrap_or_default();
    let is_org = role_words.iter().any(|t| ORG_WORDS.iter().any(|o| o.eq_ignore_ascii_case(t.stem)));
    if !is_org || the.quoted() {
        return None;
    }
    let mut words = p.stems(chunk);
    words.extend(role_words.iter().map(|t| t.stem));
    Some((Subject::Named(Name::Org(words.join(" "))), chunk.start))
}

/// The subject right of `said` / `according to`: `Mayor Jane Doe`, `the Justice Department`, `the sheriff`.
fn subject_after(p: &Parsed, at: usize) -> Option<(Subject, usize)> {
    let token = p.open_word(at)?;
    if let Some(pronoun @ (Pronoun::He | Pronoun::She)) = Pronoun::parse(token.text) {
        return Some((Subject::Pronoun(pronoun), at));
    }
    let start = if is_determiner(token.text) { at + 1 } else { at };
    if let Some(chunk) = p.chunk_starting_at(start) {
        if chunk.possessive {
            return None;
        }
        return Some((Subject::Named(classify(&p.stems(chunk))?), start));
    }
    if start == at {
        return None;
    }
    let mut last = start;
    while p.open_word(last + 1).is_some_and(is_role_word) {
        last += 1;
    }
    let head = p.open_word(last).filter(|t| is_role_word(t))?;
    Some((Subject::Role(norm(head.stem)), last))
}

// ---------------------------------------------------------------------------------------------
// Registry: the people and organisations of one article.
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EntityKind {
    Person,
    Org,
}

#[derive(Debug)]
struct Entity {
    name: String,
    kind: EntityKind,
    titles: Vec<String>,
    /// Learned from `Ms.`/`spokesman`-style titles or from an earlier he/she that resolved here;
    /// lets two alternating speakers be told apart.
    gender: Option<Gender>,
}

impl Entity {
    fn surname(&self) -> Option<&str> {
        self.name.split(' ').rfind(|w| !NAME_SUFFIXES.contains(w))
    }

    fn is_full_name(&self) -> bool {
        self.kind == EntityKind::Person && self.name.contains(' ')
    }
}

/// (sentence index, token index): orders mentions within the article.
type Position = (usize, usize);

#[derive(Debug, Default)]
struct Registry {
    entities: Vec<Entity>,
    /// Every mention in article order.
    mentions: Vec<(Position, usize)>,
    /// Every attributed speaker in article order.
    speakers: Vec<usize>,
}

impl Registry {
    fn add(&mut self, name: String, kind: EntityKind) -> usize {
        self.entities.push(Entity { name, kind, titles: Vec::new(), gender: None });
        self.entities.len() - 1
    }

    /// Links a person to an earlier entity: a full name by equality, a lone surname to the most
    /// recently introduced full name ending in it. Unknown names become new entities.
    fn person(&mut self, words: &[String], titles: &[String]) -> usize {
        let name = words.join(" ");
        let existing = if words.len() == 1 {
            self.by_surname(&name)
        } else {
            self.entities.iter().position(|e| e.kind == EntityKind::Person && e.name == name)
        };
        let id = existing.unwrap_or_else(|| self.add(name, EntityKind::Person));
        self.add_titles(id, titles);
        id
    }

    fn by_surname(&self, word: &str) -> Option<usize> {
        let full = self.entities.iter().rposition(|e| e.is_full_name() && e.surname() == Some(word));
        full.or_else(|| self.entities.iter().rposition(|e| e.kind == EntityKind::Person && e.name == word))
    }

    fn add_titles(&mut self, id: usize, titles: &[String]) {
        let Some(entity) = self.entities.get_mut(id) else {
            return;
        };
        for title in titles {
            if !entity.titles.contains(title) {
                entity.titles.push(title.clone());
            }
            if entity.gender.is_none() {
                entity.gender = gender_of_title(title);
            }
        }
    }

    fn org(&mut self, name: &str) -> usize {
        let existing = self.entities.iter().position(|e| e.kind == EntityKind::Org && e.name == name);
        existing.unwrap_or_else(|| self.add(name.to_string(), EntityKind::Org))
    }

    fn name(&self, id: usize) -> Option<String> {
        self.entities.get(id).map(|e| e.name.clone())
    }

    fn is(&self, id: usize, test: impl Fn(&Entity) -> bool) -> bool {
        self.entities.get(id).is_some_and(test)
    }

    /// Most recent entity mentioned strictly before `at` that passes `test`.
    fn mentioned_before(&self, at: Position, test: impl Fn(&Entity) -> bool) -> Option<usize> {
        let earlier = self.mentions.iter().rev().filter(|(pos, _)| *pos < at);
        earlier.map(|&(_, id)| id).find(|&id| self.is(id, &test))
    }

    /// he/she: the most recent person speaker (of compatible gender), else the most recently named person.
    /// they: the most recent speaker, else the most recent name. it: the most recent organisation.
    fn resolve_pronoun(&mut self, pronoun: Pronoun, at: Position) -> Option<usize> {
        let id = match pronoun.gender() {
            Some(gender) => {
                let fits = |e: &Entity| e.kind == EntityKind::Person && e.gender.is_none_or(|g| g == gender);
                let speaker = self.speakers.iter().rev().copied().find(|&id| self.is(id, fits));
                speaker.or_else(|| self.mentioned_before(at, fits))?
            }
            None if pronoun == Pronoun::It => {
                let is_org = |e: &Entity| e.kind == EntityKind::Org;
                let speaker = self.speakers.iter().rev().copied().find(|&id| self.is(id, is_org));
                speaker.or_else(|| self.mentioned_before(at, is_org))?
            }
            None => self.speakers.last().copied().or_else(|| self.mentioned_before(at, |_| true))?,
        };
        if let (Some(gender), Some(entity)) = (pronoun.gender(), self.entities.get_mut(id)) {
            entity.gender.get_or_insert(gender);
        }
        Some(id)
    }

    /// `the sheriff` → the most recent person titled sheriff; `the department` → the most
    /// recent organisation with that word in its name.
    fn resolve_role(&self, role: &str, at: Position) -> Option<usize> {
        self.mentioned_before(at, |e| match e.kind {
            EntityKind::Person => e.titles.iter().any(|t| t == role),
            EntityKind::Org => e.name.split(' ').any(|w| w.eq_ignore_ascii_case(role)),
        })
    }
}

fn gender_of_title(title: &str) -> Option<Gender> {
    match title {
        "mrs" | "ms" => Some(Gender::Female),
        "mr" => Some(Gender::Male),
        t if t.ends_with("woman") => Some(Gender::Female),
        t if t.ends_with("man") => Some(Gender::Male),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// The article walk: local attributions, then quotations spanning sentences.
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct Found {
    entity: usize,
    cue: String,
}

/// A quotation opened in one sentence and not yet closed.
#[derive(Debug)]
struct OpenQuote {
    members: Vec<usize>,
    /// Speaker of the sentence before the quotation, the fallback when no member is attributed.
    before: Option<Found>,
}

#[derive(Debug, Default)]
struct Attributor {
    registry: Registry,
    in_quote: bool,
    found: Vec<Option<Found>>,
    quoted: Vec<bool>,
    open: Option<OpenQuote>,
}

impl Attributor {
    fn push(&mut self, sentence: &str) {
        let index = self.found.len();
        let parsed = Parsed::new(sentence, self.in_quote);
        self.in_quote = parsed.ends_in_quote;
        self.register_mentions(index, &parsed);
        let local = self.local_attribution(index, &parsed);
        if let Some(found) = &local {
            self.registry.speakers.push(found.entity);
        }
        let previous = self.found.last().cloned().flatten();
        let attributed = local.is_some();
        self.found.push(local);
        self.quoted.push(parsed.is_quoted());
        self.follow_quotation(index, &parsed, attributed, previous);
    }

    /// Records every name so later surnames, pronouns and roles can refer back to it.
    /// A lone unknown capitalised word is not recorded: it is more often a place or a common word.
    fn register_mentions(&mut self, sentence: usize, parsed: &Parsed) {
        for chunk in &parsed.chunks {
            let id = match classify(&parsed.stems(chunk)) {
                Some(Name::Person { words, titles }) if words.len() > 1 || !titles.is_empty() => {
                    Some(self.registry.person(&words, &titles))
                }
                Some(Name::Person { words, .. }) => words.first().and_then(|w| self.registry.by_surname(w)),
                Some(Name::Org(name)) => Some(self.registry.org(&name)),
                _ => None,
            };
            if let Some(id) = id {
                self.registry.mentions.push(((sentence, chunk.start), id));
            }
        }
    }

    /// The first cue in the sentence whose subject resolves to an entity.
    fn local_attribution(&mut self, sentence: usize, parsed: &Parsed) -> Option<Found> {
        find_cues(parsed).into_iter().find_map(|cue| {
            let entity = self.resolve(sentence, &cue)?;
            Some(Found { entity, cue: cue.text })
        })
    }

    fn resolve(&mut self, sentence: usize, cue: &Cue) -> Option<usize> {
        let at = (sentence, cue.at);
        let id = match &cue.subject {
            Subject::Pronoun(pronoun) => return self.registry.resolve_pronoun(*pronoun, at),
            Subject::Role(role) => return self.registry.resolve_role(role, at),
            Subject::Named(Name::Person { words, titles }) => self.registry.person(words, titles),
            Subject::Named(Name::Org(name) | Name::Place(name)) => self.registry.org(name),
        };
        self.registry.mentions.push((at, id));
        Some(id)
    }

    /// Quotation bookkeeping: sentences inside an open quotation wait for its speaker, and a
    /// quote-only sentence continues the speaker of the sentence before it.
    fn follow_quotation(&mut self, index: usize, parsed: &Parsed, attributed: bool, previous: Option<Found>) {
        if parsed.starts_in_quote {
            let quote = self.open.get_or_insert_with(|| OpenQuote { members: Vec::new(), before: previous });
            quote.members.push(index);
            if !parsed.ends_in_quote {
                self.close_quotation(true);
            }
        } else if parsed.ends_in_quote {
            self.close_quotation(false);
            self.open = Some(OpenQuote { members: vec![index], before: previous });
        } else if parsed.starts_with_quote_mark() && !attributed {
            if let (Some(slot), Some(found)) = (self.found.get_mut(index), previous) {
                *slot = Some(found);
            }
        }
    }

    /// Gives unattributed members the quotation's speaker: the closing sentence's attribution,
    /// else the opening (or any) member's, else the speaker of the sentence before the quotation.
    fn close_quotation(&mut self, closed: bool) {
        let Some(quote) = self.open.take() else { return };
        let found_at = |i: &usize| self.found.get(*i).cloned().flatten();
        let closer = if closed { quote.members.last().and_then(found_at) } else { None };
        let speaker = closer.or_else(|| quote.members.iter().find_map(found_at)).or(quote.before);
        for member in &quote.members {
            if let Some(slot) = self.found.get_mut(*member).filter(|slot| slot.is_none()) {
                *slot = speaker.clone();
            }
        }
    }

    fn finish(mut self) -> Vec<Attribution> {
        self.close_quotation(false);
        let registry = &self.registry;
        let sentences = self.found.iter().zip(&self.quoted);
        sentences
            .map(|(found, &quoted)| match found.as_ref().and_then(|f| Some((registry.name(f.entity)?, f))) {
                Some((speaker, found)) => Attribution { speaker: Some(speaker), quoted, cue: Some(found.cue.clone()) },
                None => Attribution { speaker: None, quoted, cue: None },
            })
            .collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    /// Speakers as strings, `-` for the narrator, for compact assertions.
    fn speakers(sentences: &[&str]) -> Vec<String> {
        attribute(sentences).into_iter().map(|a| a.speaker.unwrap_or_else(|| "-".to_string())).collect()
    }

    fn one(sentence: &str) -> Attribution {
        attribute(&[sentence]).remove(0)
    }

    fn speaker_of_last(sentences: &[&str]) -> String {
        speakers(sentences).pop().unwrap_or_default()
    }

    // --- patterns ---

    #[test]
    fn name_said_clause() {
        let a = one("Becerra said California's laws are constitutional.");
        assert_eq!(a.speaker.as_deref(), Some("Becerra"));
        assert_eq!(a.cue.as_deref(), Some("said"));
        assert!(!a.quoted);
    }

    #[test]
    fn trailing_name_said() {
        let a = one("The laws are constitutional, Jane Doe said.");
        assert_eq!(a.speaker.as_deref(), Some("Jane Doe"));
        let a = one("\"The laws are constitutional,\" Jane Doe said.");
        assert_eq!(a.speaker.as_deref(), Some("Jane Doe"));
        assert!(a.quoted);
    }

    #[test]
    fn said_inversion_with_title() {
        let a = one("\"We follow the law,\" said Mayor Jane Doe.");
        assert_eq!(a.speaker.as_deref(), Some("Jane Doe"));
        assert_eq!(a.cue.as_deref(), Some("said"));
        let a = one("“Trust matters,” added Sheriff Ana Morales of Riverside County.");
        assert_eq!(a.speaker.as_deref(), Some("Ana Morales"));
        assert_eq!(a.cue.as_deref(), Some("added"));
    }

    #[test]
    fn inversion_mid_quote() {
        let a = one("\"That is not leadership,\" said Gov. Elena Ward, \"it is fearmongering.\"");
        assert_eq!(a.speaker.as_deref(), Some("Elena Ward"));
    }

    #[test]
    fn told_media() {
        let a = one("\"Federal law determines immigration policy,\" Sessions told Fox.");
        assert_eq!(a.speaker.as_deref(), Some("Sessions"));
        assert_eq!(a.cue.as_deref(), Some("told Fox"));
        let a = one("Jane Doe told reporters the raids would continue.");
        assert_eq!(a.cue.as_deref(), Some("told reporters"));
        let a = one("Jane Doe told CNN on Tuesday that the raids would continue.");
        assert_eq!(a.cue.as_deref(), Some("told CNN"));
    }

    #[test]
    fn told_listener_is_not_speaker() {
        let a = one("\"No,\" told Fox.");
        assert_eq!(a.speaker, None);
    }

    #[test]
    fn according_to() {
        let a = one("Arrests rose 40 percent last year, according to Acting ICE Director Paul Hendricks.");
        assert_eq!(a.speaker.as_deref(), Some("Paul Hendricks"));
        assert_eq!(a.cue.as_deref(), Some("according to"));
        let a = one("According to the Justice Department, the laws are unconstitutional.");
        assert_eq!(a.speaker.as_deref(), Some("Justice Department"));
    }

    #[test]
    fn who_clause_and_appositive() {
        let a = one("Becerra, who has sued the administration dozens of times, said the state would win.");
        assert_eq!(a.speaker.as_deref(), Some("Becerra"));
        let a = one("Councilman Victor Lam, a Democrat, argued that the city should tap its reserves.");
        assert_eq!(a.speaker.as_deref(), Some("Victor Lam"));
        assert_eq!(a.cue.as_deref(), Some("argued"));
        let a = one("The laws, which passed last year, said nothing about detainers.");
        assert_eq!(a.speaker, None);
    }

    #[test]
    fn appositive_variants() {
        let cases = [
            ("Rep. Zoe Lofgren, D-Calif., said the bill was cruel.", "Zoe Lofgren"),
            ("Smith, 62, said he was confident.", "Smith"),
            ("Becerra, however, said the state would not back down.", "Becerra"),
            ("Sessions, in a speech to police officers, said the state had gone too far.", "Sessions"),
        ];
        for (sentence, name) in cases {
            assert_eq!(one(sentence).speaker.as_deref(), Some(name), "{sentence}");
        }
    }

    #[test]
    fn pronoun_in_relative_clause_is_not_attribution() {
        let article = ["Becerra said the laws are constitutional.", "What he said was false, critics argue."];
        assert_eq!(speakers(&article), ["Becerra", "-"]);
    }

    #[test]
    fn other_reporting_verbs() {
        #[rustfmt::skip]
        let verbs = [
            "added", "argued", "wrote", "claimed", "warned", "vowed", "insisted", "accused", "called", "told", "stated",
            "noted", "declared", "tweeted", "countered",
        ];
        for verb in verbs {
            let sentence = format!("Jane Doe {verb} that the policy was unlawful.");
            let a = one(&sentence);
            assert_eq!(a.speaker.as_deref(), Some("Jane Doe"), "verb {verb}");
            assert_eq!(a.cue.as_deref(), Some(verb), "verb {verb}");
        }
    }

    #[test]
    fn said_in_a_statement() {
        let a = one("ICE said in a statement that the arrests were lawful.");
        assert_eq!(a.speaker.as_deref(), Some("ICE"));
        assert_eq!(a.cue.as_deref(), Some("said in a statement"));
        let a = one("Jane Doe said at a news conference that she would appeal.");
        assert_eq!(a.cue.as_deref(), Some("said at a news conference"));
    }

    #[test]
    fn verb_inside_quotes_is_ignored() {
        let a = one("\"We are enforcing the law that Congress wrote.\"");
        assert_eq!(a.speaker, None);
        assert!(a.quoted);
    }

    #[test]
    fn object_of_preposition_is_not_subject() {
        let a = one("Growers in the Central Valley say the checkpoints could empty their fields.");
        assert_eq!(a.speaker, None);
    }

    #[test]
    fn generic_groups_are_narrator() {
        assert_eq!(one("Critics say sanctuary policies shelter criminals.").speaker, None);
        assert_eq!(one("Legal experts said the case could reach the Supreme Court.").speaker, None);
        assert_eq!(one("I have argued before that cooperation should be case by case.").speaker, None);
    }

    // --- titles ---

    #[test]
    fn titles_are_stripped() {
        let cases = [
            ("California Attorney General Xavier Becerra", "Xavier Becerra"),
            ("Attorney General Jeff Sessions", "Jeff Sessions"),
            ("Gov. Jerry Brown", "Jerry Brown"),
            ("Sen. Kamala Harris", "Kamala Harris"),
            ("Mayor Libby Schaaf", "Libby Schaaf"),
            ("Sheriff Tom Ruiz", "Tom Ruiz"),
            ("Acting ICE Director Thomas Homan", "Thomas Homan"),
            ("President Donald Trump", "Donald Trump"),
            ("Homeland Security Secretary Kirstjen Nielsen", "Kirstjen Nielsen"),
            ("U.S. Attorney Karen Holt", "Karen Holt"),
            ("Police Chief Daniel Reyes", "Daniel Reyes"),
            ("ICE spokeswoman Jane Roe", "Jane Roe"),
            ("Secretary of State Mike Olsen", "Mike Olsen"),
        ];
        for (titled, name) in cases {
            let before = format!("{titled} said the policy would stand.");
            assert_eq!(one(&before).speaker.as_deref(), Some(name), "{before}");
            let after = format!("\"It stands,\" said {titled}.");
            assert_eq!(one(&after).speaker.as_deref(), Some(name), "{after}");
        }
    }

    // --- linking ---

    #[test]
    fn surnames_link_to_full_names() {
        let article = [
            "California Attorney General Xavier Becerra sued the administration.",
            "Becerra said the state would win.",
            "Becerra's office said the filing was ready.",
            "\"We will win,\" Becerra said.",
        ];
        assert_eq!(speakers(&article), ["-", "Xavier Becerra", "-", "Xavier Becerra"]);
    }

    #[test]
    fn possessive_surname_links_and_is_mentioned() {
        let article = [
            "Attorney General Jeff Sessions spoke in Sacramento.",
            "Sessions' remarks drew protests.",
            "Sessions said the state had gone too far.",
        ];
        assert_eq!(speakers(&article), ["-", "-", "Jeff Sessions"]);
    }

    #[test]
    fn lone_surname_stays_surname() {
        let article =
            ["Sessions said the bills undermine federal policy.", "Sessions told Fox the state went too far."];
        assert_eq!(speakers(&article), ["Sessions", "Sessions"]);
    }

    #[test]
    fn same_surname_links_to_most_recent_full_name() {
        let article = [
            "Jane Park said the law was clear.",
            "Her brother, Daniel Park, disagreed.",
            "Park said the law was vague.",
        ];
        assert_eq!(speaker_of_last(&article), "Daniel Park");
    }

    // --- organisations ---

    #[test]
    fn organisations_speak() {
        assert_eq!(
            one("The Justice Department said the laws are unlawful.").speaker.as_deref(),
            Some("Justice Department")
        );
        assert_eq!(one("ICE said in a statement that it would continue.").speaker.as_deref(), Some("ICE"));
        assert_eq!(one("But the ACLU argued that the rules were unlawful.").speaker.as_deref(), Some("ACLU"));
        let dhs = one("The Department of Homeland Security said it would appeal.");
        assert_eq!(dhs.speaker.as_deref(), Some("Department of Homeland Security"));
        assert_eq!(one("California argued that the rules were unlawful.").speaker.as_deref(), Some("California"));
        let trump = one("The Trump administration said it would appeal.");
        assert_eq!(trump.speaker.as_deref(), Some("Trump administration"));
        let group = one("A group called Families United said it would sue.");
        assert_eq!(group.speaker.as_deref(), Some("Families United"));
    }

    #[test]
    fn role_refers_back() {
        let article = [
            "Sheriff Ana Morales met with Mayor Janet Kim.",
            "\"We will revisit it next year,\" said the sheriff.",
            "The mayor said she was pleased.",
            "The Justice Department sued the county.",
            "\"We will win,\" the department said.",
        ];
        assert_eq!(speakers(&article), ["-", "Ana Morales", "Janet Kim", "-", "Justice Department"]);
        assert_eq!(one("The mayor said the city would comply.").speaker, None);
    }

    // --- pronouns ---

    #[test]
    fn pronoun_resolves_to_recent_speaker() {
        let article = [
            "Becerra said the laws are constitutional.",
            "Sessions' accusations are untrue, he said.",
            "He accused the government of separating families.",
        ];
        assert_eq!(speakers(&article), ["Becerra", "Becerra", "Becerra"]);
        let cues: Vec<_> = attribute(&article).into_iter().map(|a| a.cue).collect();
        assert_eq!(cues[1].as_deref(), Some("he said"));
        assert_eq!(cues[2].as_deref(), Some("He accused"));
    }

    #[test]
    fn pronoun_without_speaker_takes_recent_person() {
        let article = [
            "Mayor Dana Whitfield defended the policy.",
            "\"It keeps families safe,\" she told CNN's Anderson Cooper.",
        ];
        let result = attribute(&article);
        assert_eq!(result[1].speaker.as_deref(), Some("Dana Whitfield"));
        assert_eq!(result[1].cue.as_deref(), Some("she told CNN's Anderson Cooper"));
    }

    #[test]
    fn pronoun_without_antecedent_is_narrator() {
        assert_eq!(one("He said the policy was unfair.").speaker, None);
    }

    #[test]
    fn alternating_speakers_follow_gender() {
        let article = [
            "Mayor Dana Whitfield said the city would not cooperate.",
            "She added that the policy was popular.",
            "Sheriff Carl Dempsey said the county would keep honoring requests.",
            "He added that the jail was full.",
            "She accused him of playing politics.",
            "He called the accusation absurd.",
        ];
        assert_eq!(
            speakers(&article),
            ["Dana Whitfield", "Dana Whitfield", "Carl Dempsey", "Carl Dempsey", "Dana Whitfield", "Carl Dempsey"]
        );
    }

    #[test]
    fn same_gender_speakers_take_most_recent() {
        let article =
            ["John Smith said the plan was good.", "Tom Jones said it was bad.", "He added that it was late."];
        assert_eq!(speaker_of_last(&article), "Tom Jones");
    }

    #[test]
    fn they_and_it_pronouns() {
        let article = ["The ACLU sued the administration.", "They argued that the rules were unlawful."];
        assert_eq!(speaker_of_last(&article), "ACLU");
        let article = ["Jane Doe said the rules were fair.", "ICE filed a response.", "It said the rules were lawful."];
        assert_eq!(speaker_of_last(&article), "ICE");
    }

    #[test]
    fn possessive_is_not_speaker() {
        assert_eq!(one("Sessions' accusations are untrue.").speaker, None);
        assert_eq!(one("Becerra's office said the filing was ready.").speaker, None);
        let article = ["Becerra said the laws are constitutional.", "Sessions' accusations are untrue, he said."];
        assert_eq!(speaker_of_last(&article), "Becerra");
    }

    // --- quotations ---

    #[test]
    fn quote_attributed_in_last_sentence() {
        let article = [
            "\"If they put checkpoints on Highway 99, nobody will show up.",
            "The crops will rot.",
            "We have seen it before,\" said Rosa Delgado.",
            "The harvest starts in August.",
        ];
        assert_eq!(speakers(&article), ["Rosa Delgado", "Rosa Delgado", "Rosa Delgado", "-"]);
        let quoted: Vec<bool> = attribute(&article).iter().map(|a| a.quoted).collect();
        assert_eq!(quoted, [true, true, true, false]);
    }

    #[test]
    fn quote_attributed_in_first_sentence() {
        let article = [
            "Carranza said: “Our agents are trained.",
            "Nobody who is lawfully present has anything to fear.",
            "We are enforcing the law.”",
            "Delgado was not persuaded.",
        ];
        assert_eq!(speakers(&article), ["Carranza", "Carranza", "Carranza", "-"]);
    }

    #[test]
    fn quote_continues_previous_speaker() {
        let article = [
            "\"We are not interested in violating rights,\" Becerra said.",
            "\"ICE has the information it needs.\"",
            "The lawsuit is pending.",
            "\"This is a quote nobody claims.\"",
        ];
        assert_eq!(speakers(&article), ["Becerra", "Becerra", "-", "-"]);
        assert_eq!(attribute(&article)[1].cue.as_deref(), Some("said"));
    }

    #[test]
    fn unattributed_multi_sentence_quote_takes_previous_speaker() {
        let article = [
            "\"Federal law determines policy,\" Sessions told Fox.",
            "\"The state is not entitled to block that.",
            "Somebody needs to say, 'No, you've gone too far. You cannot do this.'\"",
            "Sessions' move is an escalation.",
        ];
        assert_eq!(speakers(&article), ["Sessions", "Sessions", "Sessions", "-"]);
    }

    #[test]
    fn reopened_paragraph_quote_stays_open() {
        let article = [
            "\"The first paragraph of a long quote.",
            "\"The second paragraph reopens it,\" said Jane Doe.",
            "Narration resumes.",
        ];
        assert_eq!(speakers(&article), ["Jane Doe", "Jane Doe", "-"]);
    }

    #[test]
    fn unclosed_quote_at_end_uses_opener() {
        let article = ["Jane Doe said: \"We will fight.", "We will win."];
        assert_eq!(speakers(&article), ["Jane Doe", "Jane Doe"]);
    }

    #[test]
    fn single_quote_headline_and_apostrophes() {
        let a = one("'Our folks are very busy'");
        assert!(a.quoted);
        assert_eq!(a.speaker, None);
        let a = one("Sessions' move is an escalation of the administration's battle.");
        assert!(!a.quoted);
        let a = one("The rock 'n' roll era's '90s sound didn't matter, Jane Doe said.");
        assert_eq!(a.speaker.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn narrator_even_with_names() {
        let a = one("The Justice Department sued California late Tuesday, alleging that state policies are unlawful.");
        assert_eq!(a, Attribution { speaker: None, quoted: false, cue: None });
        let a = one("Library supporters held signs reading \"Books not cuts.\"");
        assert_eq!(a.speaker, None);
        assert!(a.quoted);
    }

    // --- datelines ---

    #[test]
    fn datelines_are_not_speakers() {
        assert_eq!(strip_dateline("WASHINGTON (AP) — The court ruled."), "The court ruled.");
        assert_eq!(strip_dateline("LOS ANGELES — Officials said."), "Officials said.");
        assert_eq!(strip_dateline("FRESNO, Calif. — Growers worry."), "Growers worry.");
        assert_eq!(strip_dateline("ICE — the agency — declined."), "ICE — the agency — declined.");
        assert_eq!(one("LOS ANGELES — Officials said the raids would continue.").speaker, None);
        assert_eq!(one("WASHINGTON (AP) — It said the rules would stand.").speaker, None);
        let a = one("WASHINGTON (AP) — The Justice Department said Tuesday it would appeal.");
        assert_eq!(a.speaker.as_deref(), Some("Justice Department"));
    }

    // --- robustness ---

    #[test]
    fn empty_and_degenerate_input() {
        assert!(attribute(&[]).is_empty());
        #[rustfmt::skip]
        let odd = [
            "", " ", "\"", "“", "”", "'", "’", "‘", "\"\"", "'s", "s'", ".", "—", "said", "Said X", ", said",
            "according to",
        ];
        let result = attribute(&odd);
        assert_eq!(result.len(), odd.len());
    }

    #[test]
    fn non_ascii_text() {
        let article = [
            "MÉXICO — El alcalde José Núñez dijo que sí.",
            "“Ça ne marche pas,” said Mayor Zoë Ångström.",
            "日本語の文章です。 \"引用\" 彼は言った。",
            "Ångström said the 🚀 launch was “fine’.",
            "İstanbul's mayor said ﬁne.",
        ];
        let result = speakers(&article);
        assert_eq!(result[1], "Zoë Ångström");
        assert_eq!(result[3], "Zoë Ångström");
    }

    /// Deterministic pseudo-random sentences from an alphabet rich in quotes, apostrophes,
    /// dashes, cue words and multi-byte characters: nothing may panic.
    #[test]
    fn saying_after_a_comma_attributes_to_the_sentence_subject() {
        let a = one(
            "California Attorney General Xavier Becerra fired back hours later, saying the state would not be bullied.",
        );
        assert_eq!(a.speaker.as_deref(), Some("Xavier Becerra"));
        assert_eq!(a.cue.as_deref(), Some("saying"));
        assert_eq!(one("Critics fired back, saying the plan was cruel.").speaker, None);
    }

    #[test]
    fn arbitrary_strings_do_not_panic() {
        #[rustfmt::skip]
        let pieces = [
            "\"", "“", "”", "‘", "’", "'", "s'", "'s", " ", ",", ".", "—", "–", "-", "(", ")", "said", "told", "he",
            "she", "they", "it", "the", "according", "to", "who", "Gov.", "Mayor", "Jane", "Doe", "ICE", "U.S.", "é",
            "日本", "🚀", "\u{301}", "WASHINGTON", "(AP)", "in", "a", "statement", "Department", "of", "Becerra",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |bound: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % bound as u64) as usize
        };
        for _ in 0..300 {
            let sentences: Vec<String> = (0..next(6))
                .map(|_| (0..next(25)).map(|_| pieces[next(pieces.len())]).collect::<Vec<_>>().join(""))
                .collect();
            let refs: Vec<&str> = sentences.iter().map(String::as_str).collect();
            assert_eq!(attribute(&refs).len(), refs.len());
            let spaced: Vec<String> = sentences.iter().map(|s| s.replace("", " ")).collect();
            let refs: Vec<&str> = spaced.iter().map(String::as_str).collect();
            assert_eq!(attribute(&refs).len(), refs.len());
        }
    }
}
