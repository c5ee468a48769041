//! Any bytes given to the model loader give a model or a typed error, never a
//! panic; the payload decoder is fuzzed directly too, past the checksum.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stance::model::file::ModelArtifact;
use stance::model::train::Classifier;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.model");
    let _ = ModelArtifact::from_bytes(data, path);
    if let Ok(artifact) = ModelArtifact::decode_payload(data, path) {
        // A model that loads must also classify.
        let classifier = Classifier::new(artifact);
        let group = classifier.artifact().parts[0].group.clone();
        let _ = classifier.classify_in(group.as_deref(), "The council voted to limit cooperation with ICE.");
    }
});
