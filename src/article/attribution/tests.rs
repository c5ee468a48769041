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
    let article = ["Sessions said the bills undermine federal policy.", "Sessions told Fox the state went too far."];
    assert_eq!(speakers(&article), ["Sessions", "Sessions"]);
}

#[test]
fn same_surname_links_to_most_recent_full_name() {
    let article =
        ["Jane Park said the law was clear.", "Her brother, Daniel Park, disagreed.", "Park said the law was vague."];
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
    // With no mayor named earlier, the role itself speaks.
    assert_eq!(one("The mayor said the city would comply.").speaker.as_deref(), Some("mayor"));
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
    let article =
        ["Mayor Dana Whitfield defended the policy.", "\"It keeps families safe,\" she told CNN's Anderson Cooper."];
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
    let article = ["John Smith said the plan was good.", "Tom Jones said it was bad.", "He added that it was late."];
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

// --- issue 17 patterns ---

#[test]
fn colon_attributions() {
    let article = [
        "Attorney General Xavier Becerra spoke after the vote.",
        "Becerra: \"We will not comply.\"",
        "Mayor Lee: The city stands by its policy.",
        "Update: The meeting ended at noon.",
    ];
    assert_eq!(speakers(&article), ["-", "Xavier Becerra", "Lee", "-"]);
    let transcript = ["Rep. Dale Hoover opened the hearing.", "REP. HOOVER: That is a prediction, not evidence."];
    assert_eq!(speakers(&transcript), ["-", "Dale Hoover"]);
    assert_eq!(one("Becerra: \"We will not comply.\"").cue.as_deref(), Some(":"));
}

#[test]
fn joint_statement_goes_to_first_name() {
    let a = one("Ruth Adeyemi and Father Tomas Leal said that was not what they had heard.");
    assert_eq!(a.speaker.as_deref(), Some("Ruth Adeyemi"));
    let a = one("Ana Ibarra and Tomas Quintero, a farmworker organizer, said they would press lawmakers.");
    assert_eq!(a.speaker.as_deref(), Some("Ana Ibarra"));
    let a = one("Helen Duyck and Supervisor Kevin Albers asked the auditor to report.");
    assert_eq!(a.speaker.as_deref(), Some("Helen Duyck"));
}

#[test]
fn media_and_channels_extend_the_cue() {
    let a = one("Jane Doe said in a statement that the county would appeal.");
    assert_eq!((a.speaker.as_deref(), a.cue.as_deref()), (Some("Jane Doe"), Some("said in a statement")));
    let a = one("Jane Doe wrote on social media that the raids were lawful.");
    assert_eq!((a.speaker.as_deref(), a.cue.as_deref()), (Some("Jane Doe"), Some("wrote on social media")));
    let a = one("Jane Doe posted on X that the raids were lawful.");
    assert_eq!((a.speaker.as_deref(), a.cue.as_deref()), (Some("Jane Doe"), Some("posted on X")));
    let a = one("Jane Doe said in an interview that she would run.");
    assert_eq!(a.cue.as_deref(), Some("said in an interview"));
    let a = one("State Sen. Marla Kim praised the deployment, writing in a post on X that it was overdue.");
    assert_eq!((a.speaker.as_deref(), a.cue.as_deref()), (Some("Marla Kim"), Some("writing in a post")));
}

#[test]
fn opening_quote_attributed_in_next_sentence() {
    let article = [
        "The county jail released 40 people last year.",
        "\"We are not a sanctuary for criminals.\"",
        "The remark came from Sheriff Dale Ortiz, who took office in January.",
    ];
    assert_eq!(speakers(&article), ["-", "Dale Ortiz", "Dale Ortiz"]);
    let article = ["The council met on Monday.", "\"We will not be bullied.\"", "That was how Mayor Ann Lee put it."];
    assert_eq!(speakers(&article), ["-", "Ann Lee", "Ann Lee"]);
    let article = [
        "About 150 people gathered outside the jail.",
        "\"He had a cough when they arrested him.\"",
        "That was Iris Castillo, his younger sister, speaking to the crowd.",
        "\"Nobody should die like that,\" she said.",
    ];
    assert_eq!(speakers(&article), ["-", "Iris Castillo", "Iris Castillo", "Iris Castillo"]);
    // A quote continuing a quoted paragraph keeps its speaker.
    let article = ["\"We follow the law,\" Jane Doe said.", "\"We always have.\"", "Ann Lee said otherwise."];
    assert_eq!(speakers(&article), ["Jane Doe", "Jane Doe", "Ann Lee"]);
    // With no speaker named next, the quotation falls back to the speaker before it.
    let article = ["Jane Doe said the county would appeal.", "\"We will win.\"", "The hearing is in May."];
    assert_eq!(speakers(&article), ["Jane Doe", "Jane Doe", "-"]);
}

#[test]
fn speakers_introduced_by_role() {
    let article = [
        "Agents detained 40 workers on Tuesday.",
        "A DHS spokeswoman said the operation targeted people with criminal records.",
        "\"These are dangerous people,\" she said.",
    ];
    assert_eq!(speakers(&article), ["-", "DHS spokeswoman", "DHS spokeswoman"]);
    let a = one("An ICE official told reporters the arrests would continue.");
    assert_eq!((a.speaker.as_deref(), a.cue.as_deref()), (Some("ICE official"), Some("told reporters")));
    let a = one("\"We go where the targets are,\" said a Border Patrol spokesman.");
    assert_eq!(a.speaker.as_deref(), Some("Border Patrol spokesman"));
    let article = ["The mayor said the city would comply.", "The spokeswoman for the city said nothing."];
    assert_eq!(speakers(&article)[0], "mayor");
    let article = ["A university spokesman said the garage is public.", "The spokesman said police were not told."];
    assert_eq!(speakers(&article), ["university spokesman", "university spokesman"]);
    let article = [
        "Gov. Ron DeSantis signed the bill.",
        "A spokesman for the governor said it would protect workers.",
        "\"It is fair,\" the spokesman said.",
    ];
    assert_eq!(speakers(&article), ["-", "spokesman for the governor", "spokesman for the governor"]);
    let a = one("Sen. Margaret Oyelaran, D-Tacoma, said the bill was unnecessary.");
    assert_eq!(a.speaker.as_deref(), Some("Margaret Oyelaran"));
    // Descriptions that are not people do not speak.
    assert_eq!(one("A group of cities sued the state, arguing the law was unconstitutional.").speaker, None);
    assert_eq!(one("An advocacy group said it would sue.").speaker, None);
}

#[test]
fn headline_quotes() {
    let a = one("Sheriff on ICE claim: 'Flat wrong'");
    assert_eq!(a.speaker.as_deref(), Some("sheriff"));
    let a = one("Texas sheriff on ICE's list: 'We've honored every one of them'");
    assert_eq!(a.speaker.as_deref(), Some("sheriff"));
    let a = one("'Flat wrong,' sheriff says of ICE claim");
    assert_eq!(a.speaker.as_deref(), Some("sheriff"));
    let a = one("Sheriff Ramon Ortega on ICE's account of a jail release: 'Flat wrong'");
    assert_eq!(a.speaker.as_deref(), Some("Ramon Ortega"));
    assert_eq!(one("Sheriff on ICE claim: jail will honor detainers").speaker, None);
}

#[test]
fn described_speaker_after_said() {
    let a = one("\"That's who he was,\" said neighbor Tom Kowalski, who held a candle.");
    assert_eq!(a.speaker.as_deref(), Some("Tom Kowalski"));
    let a = one("\"He went to court to fix his record,\" said his wife, Carolina Mendoza.");
    assert_eq!(a.speaker.as_deref(), Some("Carolina Mendoza"));
    let a = one("A lawyer for the company, Glenn Abernathy, said it had used E-Verify since 2019.");
    assert_eq!(a.speaker.as_deref(), Some("Glenn Abernathy"));
    let a = one("\"No,\" said that Jane Doe would not.");
    assert_eq!(a.speaker, None);
}
