//! The text encoding of a saved web page: a byte-order mark, else the
//! `<meta charset>` (or `http-equiv` Content-Type) in the first 1024 bytes,
//! as browsers look for it; with neither, UTF-8. Pages saved from older
//! news sites are often windows-1252 or ISO-8859-1.

use encoding_rs::Encoding;

/// How far into the page a `<meta>` charset is looked for (the HTML prescan limit).
const PRESCAN_BYTES: usize = 1024;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CharsetError {
    #[error("the page declares charset \"{0}\", which is not a known encoding")]
    Unknown(String),
    #[error("the page is not valid {encoding} (invalid byte at offset {offset}); save it as UTF-8")]
    Invalid { encoding: &'static str, offset: usize },
}

/// The page decoded to text, without a byte-order mark.
pub fn decode_page(bytes: &[u8]) -> Result<String, CharsetError> {
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((encoding, bom_length)) => (encoding, &bytes[bom_length..]),
        None => (declared_encoding(bytes)?.unwrap_or(encoding_rs::UTF_8), bytes),
    };
    if encoding == encoding_rs::UTF_8 {
        return match std::str::from_utf8(body) {
            Ok(text) => Ok(text.to_string()),
            Err(e) => Err(CharsetError::Invalid { encoding: "UTF-8", offset: e.valid_up_to() }),
        };
    }
    match encoding.decode_without_bom_handling_and_without_replacement(body) {
        Some(text) => Ok(text.into_owned()),
        None => Err(CharsetError::Invalid { encoding: encoding.name(), offset: first_bad_offset(encoding, body) }),
    }
}

/// The offset of the first byte `encoding` cannot decode (for the error message).
fn first_bad_offset(encoding: &'static Encoding, body: &[u8]) -> usize {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(decoder.max_utf8_buffer_length(body.len()).unwrap_or(body.len()));
    let (result, read) = decoder.decode_to_string_without_replacement(body, &mut out, true);
    match result {
        encoding_rs::DecoderResult::Malformed(bad, _) => read.saturating_sub(bad as usize),
        _ => read,
    }
}

/// The encoding a `<meta>` tag near the top of the page names, if any.
/// A declared UTF-16 means UTF-8 here (a page with a UTF-16 declaration
/// but no BOM was read as ASCII-compatible to find it).
fn declared_encoding(bytes: &[u8]) -> Result<Option<&'static Encoding>, CharsetError> {
    let head = bytes[..bytes.len().min(PRESCAN_BYTES)].to_ascii_lowercase();
    let mut rest = head.as_slice();
    while let Some(start) = find(rest, b"<meta") {
        let tag = &rest[start..];
        let end = tag.iter().position(|&b| b == b'>').unwrap_or(tag.len());
        if let Some(label) = charset_in_meta(&tag[..end]) {
            let label_text = String::from_utf8_lossy(label).into_owned();
            return match Encoding::for_label(label) {
                Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => Ok(Some(encoding_rs::UTF_8)),
                // "x-user-defined" is a browser-internal label, not a page encoding.
                Some(e) if e != encoding_rs::X_USER_DEFINED && e != encoding_rs::REPLACEMENT => Ok(Some(e)),
                _ => Err(CharsetError::Unknown(label_text)),
            };
        }
        rest = &tag[end..];
    }
    Ok(None)
}

/// `charset=LABEL` inside one (lowercased) meta tag: `<meta charset="x">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=x">`.
fn charset_in_meta(tag: &[u8]) -> Option<&[u8]> {
    let at = find(tag, b"charset")?;
    let after = &tag[at + b"charset".len()..];
    let after = after.trim_ascii_start().strip_prefix(b"=")?.trim_ascii_start();
    let after = after.strip_prefix(b"\"").or_else(|| after.strip_prefix(b"'")).unwrap_or(after);
    let length = after.iter().position(|b| matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace());
    let label = &after[..length.unwrap_or(after.len())];
    (!label.is_empty()).then_some(label)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_forms_are_found() {
        let decl = |html: &str| declared_encoding(html.as_bytes()).map(|e| e.map(|e| e.name()));
        assert_eq!(decl("<meta charset=\"windows-1252\">"), Ok(Some("windows-1252")));
        assert_eq!(decl("<META CHARSET=latin1>"), Ok(Some("windows-1252")));
        assert_eq!(
            decl("<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-2'>"),
            Ok(Some("ISO-8859-2"))
        );
        assert_eq!(decl("<meta name=viewport content=\"width=device-width\"><p>charset=koi8-r</p>"), Ok(None));
        assert_eq!(decl("<meta charset=\"utf-16\">"), Ok(Some("UTF-8")));
        assert_eq!(decl("<meta charset=\"klingon-8\">"), Err(CharsetError::Unknown("klingon-8".into())));
    }

    #[test]
    fn pages_decode_by_bom_declaration_or_utf8() {
        let cp1252 = b"<meta charset=windows-1252><p>Caf\xe9 \x93quoted\x94</p>";
        assert_eq!(decode_page(cp1252).unwrap(), "<meta charset=windows-1252><p>Caf\u{e9} \u{201c}quoted\u{201d}</p>");
        assert_eq!(decode_page(b"\xef\xbb\xbf<p>Hi</p>").unwrap(), "<p>Hi</p>");
        assert_eq!(decode_page(b"\xff\xfe<\0p\0>\0").unwrap(), "<p>");
        assert_eq!(decode_page(b"<p>Caf\xe9</p>"), Err(CharsetError::Invalid { encoding: "UTF-8", offset: 6 }));
        let bad_sjis = b"<meta charset=shift_jis><p>\x82</p>";
        assert!(matches!(decode_page(bad_sjis), Err(CharsetError::Invalid { encoding: "Shift_JIS", .. })));
    }
}
