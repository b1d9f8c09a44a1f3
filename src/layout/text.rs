//! Built-in text metrics: advance widths of a Helvetica/Arial-compatible sans-serif, so that every target
//! (native, WASI, browser) measures a label alike and never asks a font engine.
//!
//! The SVG names a font stack (Helvetica, Arial, Liberation Sans) whose fonts share these metrics.

/// Advance widths of ASCII 32..=126 in thousandths of an em (Helvetica / Arial / Liberation Sans).
const ASCII: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space .. /
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0..9
    278, 278, 584, 584, 584, 556, 1015, // : .. @
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944,
    667, 667, 611, // A..Z
    278, 278, 278, 469, 556, 333, // [ .. `
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722,
    500, 500, 500, // a..z
    334, 260, 334, 584, // { .. ~
];

/// The advance of one character in thousandths of an em. Characters outside ASCII get a generous
/// estimate (wide for CJK and emoji) so that labels never overflow.
pub fn advance(c: char) -> u32 {
    let u = c as u32;
    if (32..=126).contains(&u) {
        ASCII[(u - 32) as usize] as u32
    } else if u < 32 {
        0
    } else if (0x1100..=0x115F).contains(&u)
        || (0x2E80..=0xA4CF).contains(&u)
        || (0xAC00..=0xD7A3).contains(&u)
        || (0xF900..=0xFAFF).contains(&u)
        || (0xFE30..=0xFE4F).contains(&u)
        || (0xFF00..=0xFF60).contains(&u)
        || (0x1F300..=0x1FAFF).contains(&u)
        || (0x20000..=0x3FFFD).contains(&u)
    {
        1000
    } else {
        // Latin-1 and other alphabets: roughly the width of a capital letter.
        700
    }
}

/// Width in pixels of `text` set at `size` pixels.
pub fn width(text: &str, size: f64) -> f64 {
    let units: u32 = text.chars().map(advance).sum();
    units as f64 * size / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_add_up() {
        assert_eq!(width("", 13.0), 0.0);
        assert!((width("MW", 10.0) - (8.33 + 9.44)).abs() < 1e-9);
        assert!(width("漢字", 10.0) >= 20.0);
    }
}
