//! Text encodings by byte-order mark. Excel's "Unicode text" and Windows
//! Notepad write UTF-16 with a BOM; read as UTF-8 its header is `��text`.
//! UTF-16 is decoded to UTF-8; UTF-32 (rare) is named in an error.

use std::borrow::Cow;

/// An encoding recognised by its byte-order mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bom {
    Utf8,
    Utf16Le,
    Utf16Be,
    Utf32Le,
    Utf32Be,
}

impl Bom {
    /// The BOM at the start of `bytes`, if any (UTF-32 checked before UTF-16,
    /// whose little-endian mark begins UTF-32's).
    pub fn sniff(bytes: &[u8]) -> Option<Bom> {
        match bytes {
            [0xFF, 0xFE, 0, 0, ..] => Some(Bom::Utf32Le),
            [0, 0, 0xFE, 0xFF, ..] => Some(Bom::Utf32Be),
            [0xEF, 0xBB, 0xBF, ..] => Some(Bom::Utf8),
            [0xFF, 0xFE, ..] => Some(Bom::Utf16Le),
            [0xFE, 0xFF, ..] => Some(Bom::Utf16Be),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Bom::Utf8 => "UTF-8",
            Bom::Utf16Le => "UTF-16 (little-endian)",
            Bom::Utf16Be => "UTF-16 (big-endian)",
            Bom::Utf32Le => "UTF-32 (little-endian)",
            Bom::Utf32Be => "UTF-32 (big-endian)",
        }
    }

    fn len(self) -> usize {
        match self {
            Bom::Utf8 => 3,
            Bom::Utf16Le | Bom::Utf16Be => 2,
            Bom::Utf32Le | Bom::Utf32Be => 4,
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EncodingError {
    #[error("this file is {}; save it as UTF-8 (e.g. `iconv -f UTF-32 -t UTF-8 FILE > FILE.utf8.csv`)", .0.name())]
    Unsupported(Bom),
    #[error("this file is {} but is damaged at byte {offset} (an unpaired surrogate or an odd number of bytes); save it as UTF-8", .bom.name())]
    BadUtf16 { bom: Bom, offset: usize },
}

/// The bytes as UTF-8: UTF-16 with a BOM is decoded, a UTF-8 BOM is kept
/// (readers skip it), anything without a BOM is passed through.
pub fn to_utf8(bytes: &[u8]) -> Result<Cow<'_, [u8]>, EncodingError> {
    match Bom::sniff(bytes) {
        Some(bom @ (Bom::Utf16Le | Bom::Utf16Be)) => decode_utf16(&bytes[bom.len()..], bom).map(Cow::Owned),
        Some(bom @ (Bom::Utf32Le | Bom::Utf32Be)) => Err(EncodingError::Unsupported(bom)),
        Some(Bom::Utf8) | None => Ok(Cow::Borrowed(bytes)),
    }
}

fn decode_utf16(body: &[u8], bom: Bom) -> Result<Vec<u8>, EncodingError> {
    if !body.len().is_multiple_of(2) {
        return Err(EncodingError::BadUtf16 { bom, offset: bom.len() + body.len() - 1 });
    }
    let units = body.chunks_exact(2).map(|pair| match bom {
        Bom::Utf16Be => u16::from_be_bytes([pair[0], pair[1]]),
        _ => u16::from_le_bytes([pair[0], pair[1]]),
    });
    let mut out = String::with_capacity(body.len() / 2);
    let mut offset = bom.len();
    for decoded in char::decode_utf16(units) {
        let c = decoded.map_err(|_| EncodingError::BadUtf16 { bom, offset })?;
        offset += 2 * c.len_utf16();
        out.push(c);
    }
    Ok(out.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
        for unit in text.encode_utf16() {
            bytes.extend(if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() });
        }
        bytes
    }

    #[test]
    fn utf16_in_either_byte_order_is_decoded() {
        let text = "text,label\n\"Café — ICE 🚨\",neutral\n";
        for big_endian in [false, true] {
            assert_eq!(to_utf8(&utf16(text, big_endian)).unwrap().as_ref(), text.as_bytes());
        }
    }

    #[test]
    fn utf8_with_or_without_bom_passes_through() {
        assert_eq!(to_utf8(b"\xEF\xBB\xBFtext").unwrap().as_ref(), b"\xEF\xBB\xBFtext");
        assert_eq!(to_utf8(b"text").unwrap().as_ref(), b"text");
        assert_eq!(to_utf8(b"").unwrap().as_ref(), b"");
    }

    #[test]
    fn utf32_and_damaged_utf16_are_named() {
        let error = to_utf8(&[0xFF, 0xFE, 0, 0, b't', 0, 0, 0]).unwrap_err();
        assert!(error.to_string().contains("UTF-32 (little-endian)"), "{error}");
        let mut odd = utf16("ab", false);
        odd.push(0);
        assert!(matches!(to_utf8(&odd), Err(EncodingError::BadUtf16 { .. })));
        let lone_surrogate = [0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0];
        assert_eq!(to_utf8(&lone_surrogate), Err(EncodingError::BadUtf16 { bom: Bom::Utf16Le, offset: 4 }));
    }
}
