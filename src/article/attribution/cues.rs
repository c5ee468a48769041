//! Attribution cues of one parsed sentence: `X said`, `said X`, `X told Fox`,
//! `according to X`, `X, who ..., said`, with their subject (a name, a
//! pronoun or a role).

use super::*;

pub(super) struct Parsed<'a> {
    pub(super) text: &'a str,
    pub(super) tokens: Vec<Token<'a>>,
    pub(super) chunks: Vec<Chunk>,
    pub(super) starts_in_quote: bool,
    pub(super) ends_in_quote: bool,
}

impl<'a> Parsed<'a> {
    pub(super) fn new(sentence: &'a str, in_quote: bool) -> Self {
        let text = strip_dateline(sentence);
        let (tokens, ends_in_quote) = Lexer::new(text, in_quote).run();
        let chunks = name_chunks(&tokens);
        Parsed { text, tokens, chunks, starts_in_quote: in_quote, ends_in_quote }
    }

    /// The word at `i` if it is outside any quotation.
    pub(super) fn open_word(&self, i: usize) -> Option<&Token<'a>> {
        self.tokens.get(i).filter(|t| t.kind == Kind::Word && !t.quoted())
    }

    /// The sentence text from token `from` through token `to`.
    pub(super) fn span(&self, from: usize, to: usize) -> String {
        let start = self.tokens.get(from).map_or(0, |t| t.start);
        let end = self.tokens.get(to).map_or(start, |t| t.end);
        self.text.get(start..end).unwrap_or_default().to_string()
    }

    pub(super) fn stems(&self, chunk: &Chunk) -> Vec<&'a str> {
        let tokens = self.tokens.get(chunk.start..chunk.end).unwrap_or_default();
        tokens.iter().map(|t| t.stem).collect()
    }

    pub(super) fn chunk_ending_at(&self, last: usize) -> Option<&Chunk> {
        self.chunks.iter().find(|c| c.end == last + 1)
    }

    pub(super) fn chunk_starting_at(&self, first: usize) -> Option<&Chunk> {
        self.chunks.iter().find(|c| c.start == first)
    }

    pub(super) fn is_quoted(&self) -> bool {
        self.starts_in_quote || self.tokens.iter().any(|t| t.quoted() || matches!(t.kind, Kind::Open | Kind::Close))
    }

    pub(super) fn starts_with_quote_mark(&self) -> bool {
        self.tokens.first().is_some_and(|t| t.kind == Kind::Open)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Gender {
    Male,
    Female,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pronoun {
    He,
    She,
    They,
    It,
}

impl Pronoun {
    pub(super) fn parse(word: &str) -> Option<Self> {
        match word {
            "he" | "He" => Some(Pronoun::He),
            "she" | "She" => Some(Pronoun::She),
            "they" | "They" => Some(Pronoun::They),
            "it" | "It" => Some(Pronoun::It),
            _ => None,
        }
    }

    pub(super) fn gender(self) -> Option<Gender> {
        match self {
            Pronoun::He => Some(Gender::Male),
            Pronoun::She => Some(Gender::Female),
            Pronoun::They | Pronoun::It => None,
        }
    }
}

/// The grammatical subject of a reporting verb, before resolution against the article so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Subject {
    Named(Name),
    Pronoun(Pronoun),
    /// A lower-case role standing for someone named earlier: `the sheriff`, `the department`.
    /// With no such earlier mention the role itself becomes the speaker.
    Role(String),
    /// A speaker introduced by role only: `a DHS spokeswoman` → `DHS spokeswoman`. A new voice,
    /// never an earlier one; later pronouns and `the spokeswoman` refer back to it.
    Introduced {
        phrase: String,
        head: String,
    },
    /// A lone word that speaks only if it is a surname already met (`Vance: "..."`): a lone
    /// capitalised word before a colon is as often a label (`Update:`) as a speaker.
    Known(String),
}

#[derive(Debug, Clone)]
pub(super) struct Cue {
    pub(super) subject: Subject,
    /// Token index of the subject, to order it against earlier mentions.
    pub(super) at: usize,
    pub(super) text: String,
}

/// All candidate attributions outside quotations, in sentence order.
pub(super) fn find_cues(p: &Parsed) -> Vec<Cue> {
    let mut cues: Vec<Cue> = colon_cue(p).into_iter().collect();
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
        } else if let Some(cue) = back_reference(p, i) {
            cues.push(cue);
        } else if PARTICIPLES.contains(&token.text) && i > 0 && p.tokens.get(i - 1).is_some_and(|t| t.text == ",") {
            // `Becerra fired back hours later, saying ...`: the sentence's subject speaks.
            if let Some((subject, at)) = subject_after(p, 0) {
                let end = medium_end(p, i + 1).unwrap_or(i);
                cues.push(Cue { subject, at, text: p.span(i, end) });
            }
        }
    }
    cues
}

/// `X said`, `he said`, or after a quotation `said X`.
pub(super) fn verb_cue(p: &Parsed, verb: usize) -> Option<Cue> {
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

pub(super) fn follows_quote_or_comma(p: &Parsed, verb: usize) -> bool {
    let prev = verb.checked_sub(1).and_then(|i| p.tokens.get(i));
    prev.is_some_and(|t| t.kind == Kind::Close || (t.kind == Kind::Punct && t.text == ","))
}

/// Last token of the cue: the verb, plus a `told` listener and a medium (`in a statement`).
pub(super) fn phrase_end(p: &Parsed, verb: usize) -> usize {
    let told = p.tokens.get(verb).is_some_and(|t| matches!(t.text, "told" | "tells"));
    let end = if told { listener_end(p, verb) } else { verb };
    medium_end(p, end + 1).unwrap_or(end)
}

/// `told Fox`, `told reporters`, `told CNN's Anderson Cooper`, `told the council`.
pub(super) fn listener_end(p: &Parsed, verb: usize) -> usize {
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
pub(super) fn medium_end(p: &Parsed, at: usize) -> Option<usize> {
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
pub(super) fn subject_before(p: &Parsed, verb: usize) -> Option<(Subject, usize)> {
    let mut k = verb.checked_sub(1)?;
    while p.open_word(k).is_some_and(is_skippable) {
        k = k.checked_sub(1)?;
    }
    let token = p.tokens.get(k)?;
    if token.quoted() {
        return None;
    }
    if token.kind == Kind::Punct && token.text == "," {
        return appositive_name(p, k).or_else(|| appositive_subject(p, k));
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
pub(super) fn is_relative_object(p: &Parsed, pronoun: usize) -> bool {
    let prev = pronoun.checked_sub(1).and_then(|i| p.open_word(i));
    prev.is_some_and(|t| matches!(t.text, "what" | "What" | "whatever" | "Whatever"))
}

pub(super) fn is_skippable(token: &Token) -> bool {
    let adverb = token.text.len() > 4 && token.text.ends_with("ly") && !matches!(token.text, "early" | "family");
    SKIPPABLE.contains(&token.text) || WEEKDAYS.contains(&token.text) || adverb
}

/// `X, who ..., said` / `X, a Democrat, said`: skip back over the appositive to the name.
pub(super) fn appositive_subject(p: &Parsed, comma: usize) -> Option<(Subject, usize)> {
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

/// `a lawyer for the company, Glenn Abernathy, said`: a name set off by commas just before the verb.
pub(super) fn appositive_name(p: &Parsed, comma: usize) -> Option<(Subject, usize)> {
    let chunk = p.chunk_ending_at(comma.checked_sub(1)?).filter(|c| !c.possessive)?;
    if p.tokens.get(chunk.start).is_some_and(|t| is_party_tag(t.text)) {
        return None;
    }
    let before = p.tokens.get(chunk.start.checked_sub(1)?)?;
    if before.kind != Kind::Punct || before.text != "," || before.quoted() {
        return None;
    }
    match classify(&p.stems(chunk))? {
        name @ Name::Person { .. } => Some((Subject::Named(name), chunk.start)),
        _ => None,
    }
}

/// `D-Calif.`, `R-Texas`: the party-and-state tag after a legislator's name.
pub(super) fn is_party_tag(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some('D' | 'R' | 'I'), Some('-')))
}

pub(super) fn named_or_role_ending_at(p: &Parsed, last: usize) -> Option<(Subject, usize)> {
    match p.chunk_ending_at(last) {
        Some(chunk) if chunk.possessive || after_preposition(p, chunk.start) => None,
        Some(chunk) => {
            first_of_pair(p, chunk.start).or_else(|| Some((Subject::Named(classify(&p.stems(chunk))?), chunk.start)))
        }
        None => role_ending_at(p, last),
    }
}

/// `Adeyemi and Father Tomás Leal said`: a joint statement is credited to the first-named speaker,
/// the one news copy leads with, so the speaker stays one voice that later pronouns can find.
pub(super) fn first_of_pair(p: &Parsed, second: usize) -> Option<(Subject, usize)> {
    let and = p.open_word(second.checked_sub(1)?).filter(|t| t.text == "and")?;
    let chunk = p.chunk_ending_at(second.checked_sub(2)?).filter(|c| !c.possessive)?;
    if and.quoted() || after_preposition(p, chunk.start) {
        return None;
    }
    match classify(&p.stems(chunk))? {
        name @ Name::Person { .. } => Some((Subject::Named(name), chunk.start)),
        _ => None,
    }
}

pub(super) fn after_preposition(p: &Parsed, start: usize) -> bool {
    let mut j = start;
    if j > 0 && p.tokens.get(j - 1).is_some_and(|t| is_determiner(t.text)) {
        j -= 1;
    }
    let prev = j.checked_sub(1).and_then(|i| p.tokens.get(i));
    prev.is_some_and(|t| t.kind == Kind::Word && PREPOSITIONS.contains(&t.text))
}

/// `the mayor said`, `the county sheriff said`: a role preceded by `the`.
/// `the Trump administration said`: a name plus an organisation word is an organisation.
pub(super) fn role_ending_at(p: &Parsed, last: usize) -> Option<(Subject, usize)> {
    let head = p.open_word(last).filter(|t| is_role_word(t))?;
    let mut j = last;
    while let Some(token) = j.checked_sub(1).and_then(|i| p.open_word(i)) {
        if is_determiner(token.text) {
            return role_of_role(p, j - 1, last).or(Some((Subject::Role(norm(head.stem)), j - 1)));
        }
        if is_indefinite(token.text) {
            return Some((introduced(p, j, last)?, j - 1));
        }
        if is_capitalized(token.stem) {
            return named_organisation(p, j - 1, last).or_else(|| introduced_after_name(p, j - 1, last));
        }
        if !is_role_word(token) {
            return None;
        }
        j -= 1;
    }
    // Headline style drops the article: `'Flat wrong,' sheriff says of ICE claim`.
    let after_quote = j.checked_sub(1).and_then(|i| p.tokens.get(i)).is_some_and(|t| t.kind == Kind::Close);
    (after_quote && is_title(head.stem)).then(|| (Subject::Role(norm(head.stem)), j))
}

/// `a spokesman for the governor`: a new voice speaking for a role, not the role's holder.
/// `the` is at `the`; the phrase runs from the first role through `last`.
pub(super) fn role_of_role(p: &Parsed, the: usize, last: usize) -> Option<(Subject, usize)> {
    p.open_word(the.checked_sub(1)?).filter(|t| matches!(t.text, "for" | "of"))?;
    let role = the.checked_sub(2)?;
    p.open_word(role).filter(|t| is_role_word(t))?;
    let article = role.checked_sub(1)?;
    p.open_word(article).filter(|t| is_indefinite(t.text))?;
    Some((introduced_as(p, role, last, role)?, article))
}

/// `a DHS spokeswoman`: the words after the indefinite article, through the role at `last`.
/// Only a person's role introduces a voice: `a group called ...` or `an advocacy group that tracks`
/// are descriptions, not speakers.
pub(super) fn introduced(p: &Parsed, first: usize, last: usize) -> Option<Subject> {
    introduced_as(p, first, last, last)
}

/// The phrase from `first` through `last`, titled by the role word at `head`.
pub(super) fn introduced_as(p: &Parsed, first: usize, last: usize, head: usize) -> Option<Subject> {
    let head = p.open_word(head).filter(|t| is_title(t.stem))?;
    let words = p.tokens.get(first..=last).unwrap_or_default();
    let phrase = words.iter().map(|t| t.stem).collect::<Vec<_>>().join(" ");
    Some(Subject::Introduced { phrase, head: norm(head.stem) })
}

/// `an ICE official`, `a Homeland Security spokesman`: a name chunk ending at `name_end` right
/// after `a`/`an`, then role words through `last`.
pub(super) fn introduced_after_name(p: &Parsed, name_end: usize, last: usize) -> Option<(Subject, usize)> {
    let chunk = p.chunk_ending_at(name_end).filter(|c| !c.possessive)?;
    let article = chunk.start.checked_sub(1)?;
    p.open_word(article).filter(|t| is_indefinite(t.text))?;
    Some((introduced(p, chunk.start, last)?, article))
}

/// `the Trump administration`, `the Oakland police department`: `the` + name chunk ending at
/// `name_end` + lower-case organisation words through `last`.
pub(super) fn named_organisation(p: &Parsed, name_end: usize, last: usize) -> Option<(Subject, usize)> {
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

/// `That was Iris Castillo, ...`, `The remark came from Sheriff Dale Ortiz`, `That was how Mayor
/// Lee put it`: a sentence naming who made the quotation just before it.
pub(super) fn back_reference(p: &Parsed, i: usize) -> Option<Cue> {
    let word = p.open_word(i)?.text;
    let next = p.open_word(i + 1).map(|t| t.text);
    let subject_at = match (word, next) {
        ("That" | "Those", Some("was" | "were")) if i == 0 => {
            let how = p.open_word(i + 2).is_some_and(|t| t.text == "how");
            i + 2 + usize::from(how)
        }
        ("came", Some("from")) => i + 2,
        _ => return None,
    };
    let (subject, at) = subject_after(p, subject_at)?;
    Some(Cue { subject, at, text: p.span(i, i + 1) })
}

/// `said neighbor Tom Kowalski`, `said his wife, Carolina Mendoza`, `said board Chairman Kenneth
/// Batts`: up to three lower-case describing words before a person's name.
pub(super) fn described_person_after(p: &Parsed, at: usize) -> Option<(Subject, usize)> {
    let mut j = at;
    while j < at + 3 && p.open_word(j).is_some_and(|t| !is_capitalized(t.text) && !DESCRIPTOR_STOPS.contains(&t.text)) {
        j += 1;
    }
    if j == at {
        return None;
    }
    if p.tokens.get(j).is_some_and(|t| t.kind == Kind::Punct && t.text == ",") {
        j += 1;
    }
    let chunk = p.chunk_starting_at(j).filter(|c| !c.possessive)?;
    match classify(&p.stems(chunk))? {
        name @ Name::Person { .. } => Some((Subject::Named(name), chunk.start)),
        _ => None,
    }
}

/// The subject right of `said` / `according to`: `Mayor Jane Doe`, `the Justice Department`, `the sheriff`.
pub(super) fn subject_after(p: &Parsed, at: usize) -> Option<(Subject, usize)> {
    let token = p.open_word(at)?;
    if let Some(pronoun @ (Pronoun::He | Pronoun::She)) = Pronoun::parse(token.text) {
        return Some((Subject::Pronoun(pronoun), at));
    }
    if is_indefinite(token.text) {
        let mut last = at + 1;
        if let Some(chunk) = p.chunk_starting_at(at + 1).filter(|c| !c.possessive) {
            last = chunk.end;
        }
        while p.open_word(last + 1).is_some_and(is_role_word) {
            last += 1;
        }
        p.open_word(last).filter(|t| is_role_word(t))?;
        return Some((introduced(p, at + 1, last)?, at));
    }
    if let Some(found) = described_person_after(p, at) {
        return Some(found);
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

/// `Becerra: "We will not comply."`, `MAYOR LEE: The city stands by its policy.` (transcripts),
/// and the headline form `Sheriff on ICE claim: 'Flat wrong'`: a name or role opening the
/// sentence, then a colon. Transcript names in capitals are read in title case so they link to
/// the full name met earlier.
pub(super) fn colon_cue(p: &Parsed) -> Option<Cue> {
    let chunk = p.chunk_starting_at(0).filter(|c| !c.possessive && c.end - c.start <= 5)?;
    let colon = (chunk.end..chunk.end + 12).find(|&j| p.tokens.get(j).is_some_and(|t| t.text == ":"))?;
    let colon_token = p.tokens.get(colon).filter(|t| t.kind == Kind::Punct && !t.quoted())?;
    let quote_follows = p.tokens.get(colon + 1).is_some_and(|t| t.kind == Kind::Open);
    let mut topic = chunk.end;
    while p.open_word(topic).is_some_and(is_role_word) {
        topic += 1;
    }
    let headline_topic = p.open_word(topic).is_some_and(|t| matches!(t.text, "on" | "about"));
    if colon != chunk.end && !(headline_topic && quote_follows) {
        return None;
    }
    let stems = p.stems(chunk);
    let shouting = stems.iter().all(|w| !w.chars().any(char::is_lowercase));
    let words: Vec<String> = if shouting { stems.iter().map(|w| title_case(w)).collect() } else { owned(&stems) };
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let subject = match classify(&words) {
        Some(Name::Person { words, titles }) if words.len() == 1 && titles.is_empty() && !quote_follows => {
            Subject::Known(words.concat())
        }
        Some(name @ (Name::Person { .. } | Name::Org(_))) => Subject::Named(name),
        // `Sheriff on ICE claim:`, `Texas sheriff on ICE's list:`: a role speaks for itself.
        _ if topic > chunk.end => Subject::Role(norm(p.tokens.get(topic - 1)?.stem)),
        _ => {
            let title = words.iter().rev().find(|w| is_title(w)).filter(|_| words.iter().all(|w| is_title(w)))?;
            Subject::Role(norm(title))
        }
    };
    Some(Cue { subject, at: 0, text: colon_token.text.to_string() })
}

/// `HARNETT` → `Harnett`; `REP.` → `Rep.`
pub(super) fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect()).unwrap_or_default()
}
