use stance::data::read_labeled_csv;
use stance::features::{TfidfParams, Vectorizer};
use stance::modelfile::ModelArtifact;
use stance::pipeline::Classifier;
use stance::text::{NgramRange, TextConfig};
use std::time::Instant;
fn main() {
    let b = "../shared/benchmarks/semeval2017-sentiment";
    let t = Instant::now();
    let data = read_labeled_csv(format!("{b}/train.csv").as_ref(), "text", "sentiment").unwrap();
    eprintln!("read {:?}", t.elapsed());
    let docs: Vec<&str> = data.texts.iter().map(String::as_str).collect();
    let config = TextConfig { char_ngrams: Some(NgramRange { min: 2, max: 5 }), ..TextConfig::default() };
    let t = Instant::now();
    let v = Vectorizer::fit(&docs, &config, &TfidfParams { min_df: 2, ..TfidfParams::default() });
    eprintln!("fit {:?}", t.elapsed());
    let t = Instant::now();
    let x = v.transform(&docs);
    eprintln!("transform {:?} nnz {}", t.elapsed(), x.nnz());
    let t = Instant::now();
    let m = ModelArtifact::load("/tmp/sem.model".as_ref()).unwrap();
    eprintln!("load {:?}", t.elapsed());
    let c = Classifier::new(m);
    let test = read_labeled_csv(format!("{b}/test.csv").as_ref(), "text", "sentiment").unwrap();
    let t = Instant::now();
    let p = c.predict_all(&test.texts, None).unwrap();
    eprintln!("predict {} {:?}", p.len(), t.elapsed());
}
