//! Labeled stories (`data/stories.csv`): whole articles labeled unit by unit
//! with stance, sentiment, speaker and rebuttal. They are read back as the
//! article text the pipeline sees (headline, then paragraphs), and the
//! pipeline's units are matched to the labeled ones by their text, so the
//! context stage can be fitted and speaker attribution measured on them.

use crate::article::units::Unit;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One labeled unit of a story.
#[derive(Debug, Clone, PartialEq)]
pub struct LabeledUnit {
    /// 0 for the headline, then paragraph numbers.
    pub paragraph: usize,
    pub text: String,
    pub stance: String,
    pub sentiment: String,
    /// Fullest name, or the role for a speaker named by role only; `None` for the narrator.
    pub speaker: Option<String>,
    /// The unit answers a statement of the other side.
    pub rebuttal: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    pub id: String,
    pub register: String,
    pub units: Vec<LabeledUnit>,
}

#[derive(Debug, thiserror::Error)]
pub enum StoryError {
    #[error("cannot read {path}: {cause}")]
    Read { path: PathBuf, cause: csv::Error },
    #[error("{path}: missing column '{column}' (stories need {})", REQUIRED.join(", "))]
    MissingColumn { path: PathBuf, column: &'static str },
    #[error("{path}, row {row}, column '{column}': {message}")]
    BadField { path: PathBuf, row: usize, column: &'static str, message: String },
}

const REQUIRED: [&str; 7] = ["story", "para", "text", "stance", "sentiment", "speaker", "rebuttal"];

impl Story {
    /// The story as an article: the headline line, then one line per
    /// paragraph with its units joined by spaces, separated by blank lines.
    pub fn article_text(&self) -> String {
        let mut paragraphs: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
        for unit in &self.units {
            paragraphs.entry(unit.paragraph).or_default().push(&unit.text);
        }
        paragraphs.values().map(|texts| texts.join(" ")).collect::<Vec<_>>().join("\n\n")
    }

    /// For each pipeline unit, the labeled unit with the same text (spaces
    /// normalised), each labeled unit used once, in order.
    pub fn align(&self, units: &[Unit]) -> Vec<Option<usize>> {
        let mut next = 0;
        units
            .iter()
            .map(|unit| {
                let text = normalise(&unit.text);
                let found = (next..self.units.len()).find(|&i| normalise(&self.units[i].text) == text)?;
                next = found + 1;
                Some(found)
            })
            .collect()
    }
}

fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads a stories CSV: one row per unit, rows of a story together and in order.
pub fn read_stories(path: &Path) -> Result<Vec<Story>, StoryError> {
    let read_error = |cause| StoryError::Read { path: path.to_path_buf(), cause };
    let mut reader = csv::Reader::from_path(path).map_err(read_error)?;
    let headers = reader.headers().map_err(read_error)?.clone();
    let column = |name: &'static str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or(StoryError::MissingColumn { path: path.to_path_buf(), column: name })
    };
    let [story, para, text, stance, sentiment, speaker, rebuttal] = [
        column("story")?,
        column("para")?,
        column("text")?,
        column("stance")?,
        column("sentiment")?,
        column("speaker")?,
        column("rebuttal")?,
    ];
    let register = headers.iter().position(|h| h == "register");
    let mut stories: Vec<Story> = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(read_error)?;
        let row = i + 2;
        let field = |index: usize| record.get(index).unwrap_or("").trim();
        let bad = |column, message: String| StoryError::BadField { path: path.to_path_buf(), row, column, message };
        let paragraph =
            field(para).parse::<usize>().map_err(|_| bad("para", format!("'{}' is not a number", field(para))))?;
        let rebuttal = match field(rebuttal) {
            "yes" => true,
            "no" => false,
            other => return Err(bad("rebuttal", format!("'{other}' is not yes or no"))),
        };
        let unit = LabeledUnit {
            paragraph,
            text: field(text).to_string(),
            stance: field(stance).to_string(),
            sentiment: field(sentiment).to_string(),
            speaker: Some(field(speaker).to_string()).filter(|s| !s.is_empty()),
            rebuttal,
        };
        let id = field(story);
        match stories.last_mut() {
            Some(last) if last.id == id => last.units.push(unit),
            _ => stories.push(Story {
                id: id.to_string(),
                register: register.map(|r| field(r).to_string()).unwrap_or_default(),
                units: vec![unit],
            }),
        }
    }
    Ok(stories)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::units::read_article;
    use crate::text::Language;

    const CSV: &str = "story,unit,para,text,stance,sentiment,kind,speaker,rebuttal,register,topic\n\
        s1,1,0,Mayor defends policy,neutral,neutral,headline,,no,wire,t\n\
        s1,2,1,\"The city will not help ICE, Mayor Ann Lee said.\",pro-sanctuary,neutral,quote,Ann Lee,no,wire,t\n\
        s1,3,1,\"\"\"We protect our neighbors.\"\"\",pro-sanctuary,positive,quote,Ann Lee,no,wire,t\n\
        s1,4,2,ICE called that false.,pro-enforcement,negative,reporting,ICE,yes,wire,t\n\
        s2,1,1,A second story.,neutral,neutral,reporting,,no,local,t\n";

    fn stories() -> Vec<Story> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("stories.csv");
        std::fs::write(&path, CSV).unwrap();
        read_stories(&path).unwrap()
    }

    #[test]
    fn stories_become_articles_whose_units_align_with_the_labels() {
        let stories = stories();
        assert_eq!(stories.len(), 2);
        let story = &stories[0];
        assert_eq!((story.units.len(), story.register.as_str()), (4, "wire"));
        assert_eq!(story.units[1].speaker.as_deref(), Some("Ann Lee"));
        assert!(story.units[3].rebuttal && !story.units[0].rebuttal);
        let text = story.article_text();
        assert_eq!(
            text,
            "Mayor defends policy\n\nThe city will not help ICE, Mayor Ann Lee said. \"We protect our neighbors.\"\n\n\
             ICE called that false."
        );
        let units = read_article(&text, Language::English);
        let aligned = story.align(&units);
        assert_eq!(aligned, vec![Some(0), Some(1), Some(2), Some(3)], "{units:#?}");
    }

    #[test]
    fn bad_fields_name_the_row_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.csv");
        std::fs::write(&path, CSV.replace("no,wire,t\ns1,3", "maybe,wire,t\ns1,3")).unwrap();
        let err = read_stories(&path).unwrap_err().to_string();
        assert!(err.contains("row 3, column 'rebuttal'") && err.contains("'maybe'"), "{err}");
        std::fs::write(&path, "story,text\ns1,x\n").unwrap();
        let err = read_stories(&path).unwrap_err().to_string();
        assert!(err.contains("missing column 'para'"), "{err}");
    }
}
