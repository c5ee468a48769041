//! Name chunks (runs of capitalised words, plus lower-case titles such as
//! `spokesman`) and what each names: a person, a titled person, an
//! organisation.

use super::*;

#[derive(Debug, Clone, Copy)]
pub(super) struct Chunk {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Ends in a possessive (`CNN's`, `Sessions'`): a mention, never a subject.
    pub(super) possessive: bool,
}

/// A token that may belong to a name chunk.
pub(super) fn is_namey(token: &Token) -> bool {
    token.kind == Kind::Word && !is_stopword(token.stem) && (is_capitalized(token.stem) || is_title(token.stem))
}

pub(super) fn name_chunks(tokens: &[Token]) -> Vec<Chunk> {
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
pub(super) fn chunk_from(tokens: &[Token], start: usize) -> (Option<Chunk>, usize) {
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
pub(super) fn joiner_links(tokens: &[Token], at: usize) -> bool {
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
pub(super) enum Name {
    /// Name words with titles stripped, plus the stripped titles (lower-case).
    Person {
        words: Vec<String>,
        titles: Vec<String>,
    },
    Org(String),
    Place(String),
}

pub(super) fn owned(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| (*w).to_string()).collect()
}

pub(super) fn classify(words: &[&str]) -> Option<Name> {
    match words {
        [] => return None,
        [only] if GROUP_WORDS.contains(only) => return None,
        _ => {}
    }
    // `Alien Enemies Act`, `Fourth Amendment`: laws and documents are named like people.
    if words.last().is_some_and(|w| DOCUMENT_WORDS.contains(w)) {
        return None;
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
pub(super) fn titled_person(words: &[&str]) -> Option<Name> {
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
pub(super) fn drop_leading_place<'w>(words: &'w [&'w str]) -> &'w [&'w str] {
    match words {
        [first, rest @ ..] if !rest.is_empty() && PLACES.contains(first) => rest,
        _ => words,
    }
}
