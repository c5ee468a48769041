//! Speaker labels before a colon: transcript turns (`HARNETT: ...`, `REP. JANE DOE (D-Ohio): ...`),
//! interview lines (`Becerra: "..."`) and headline quotes (`Sheriff on ICE claim: 'Flat wrong'`).

use super::*;

/// Capitalised labels that open a line with a colon but never name a speaker.
#[rustfmt::skip]
const NON_SPEAKER_LABELS: &[&str] = &[
    "Update", "Updated", "Breaking", "Correction", "Clarification", "Note", "Editor", "Editors", "Watch", "Video",
    "Photo", "Photos", "Audio", "Listen", "Analysis", "Opinion", "Editorial", "Exclusive", "Live", "Developing",
    "Alert", "Related", "Read", "More", "Source", "Sources", "Credit", "Warning", "Summary", "Disclaimer", "Sponsored",
    "Transcript", "Question", "Answer", "Q", "A", "Topics", "Tags", "Posted", "Fact", "Bottom", "Background", "Context",
    "Timeline", "Key", "Why", "What",
];

/// `Becerra: "We will not comply."`, `MAYOR LEE: The city stands by its policy.` (transcripts),
/// and the headline form `Sheriff on ICE claim: 'Flat wrong'`: a name or role opening the
/// sentence, then a colon. Transcript names in capitals are read in title case so they link to
/// the full name met earlier; a label in capitals speaks even when not met before, since
/// transcripts name their speakers only by the label, and starts a turn that later sentences of
/// the answer continue.
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
    let stems = p.stems(chunk);
    let shouting = stems.iter().all(|w| !w.chars().any(char::is_lowercase));
    let tagged = shouting && party_tag_before(p, chunk.end, colon);
    // `Somerville mayor: ...`: a role after a place, then the colon.
    let role_label = topic > chunk.end && topic == colon;
    let labels = colon == chunk.end || tagged || role_label || (headline_topic && quote_follows);
    if !labels {
        return None;
    }
    let words: Vec<String> = if shouting { stems.iter().map(|w| title_case(w)).collect() } else { owned(&stems) };
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    if words.iter().any(|w| NON_SPEAKER_LABELS.contains(&w.trim_end_matches('.'))) {
        return None;
    }
    let turn = shouting && !quote_follows;
    let subject = match classify(&words) {
        // `Kittredge sheriff on ...:`, `Somerville mayor:`: the role speaks, the name is a place.
        _ if topic > chunk.end => Subject::Role(norm(p.tokens.get(topic - 1)?.stem)),
        Some(Name::Person { words, titles }) if words.len() == 1 && titles.is_empty() && !quote_follows && !turn => {
            Subject::Known(words.concat())
        }
        Some(name @ (Name::Person { .. } | Name::Org(_))) => Subject::Named(name),
        _ => {
            let title = words.iter().rev().find(|w| is_title(w)).filter(|_| words.iter().all(|w| is_title(w)))?;
            Subject::Role(norm(title))
        }
    };
    Some(Cue { subject, at: 0, turn, points_back: false, text: colon_token.text.to_string() })
}

/// `REP. JANE DOE (D-Ohio):`: a bracketed party tag between a transcript label and its colon.
fn party_tag_before(p: &Parsed, after_name: usize, colon: usize) -> bool {
    let opens = p.tokens.get(after_name).is_some_and(|t| t.text == "(");
    let closes = colon.checked_sub(1).and_then(|i| p.tokens.get(i)).is_some_and(|t| t.text == ")");
    let tag = p.tokens.get(after_name + 1).is_some_and(|t| is_party_tag(t.text) || matches!(t.text, "D" | "R" | "I"));
    opens && closes && tag
}

/// `HARNETT` → `Harnett`; `REP.` → `Rep.`
pub(super) fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect()).unwrap_or_default()
}

/// A line opening with a capitalised label and a colon (`UPDATE:`, `Q:`), speaker or not.
pub(super) fn starts_with_label(p: &Parsed) -> bool {
    let label = p.tokens.first().is_some_and(|t| t.kind == Kind::Word && !t.text.chars().any(char::is_lowercase));
    label && p.tokens.get(1).is_some_and(|t| t.text == ":")
}
