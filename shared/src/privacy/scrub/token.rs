//! Splitting text into the tokens the rules look at.
//!
//! A token is a run of alphanumeric characters (a word, a number or a mixed code) or a single
//! other visible character. Whitespace is not a token, but each token remembers what preceded it,
//! so rules can tell "Campbell-Osei" from "Campbell - Osei".

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters only.
    Word,
    /// ASCII digits only.
    Number,
    /// Letters and digits mixed: "3B", "L6J", "21st".
    Code,
    /// One character that is neither alphanumeric nor whitespace.
    Punct,
}

/// What separates a token from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// Nothing: the tokens touch ("O'Connell" is O, ', Connell).
    None,
    /// Spaces or tabs on one line.
    Space,
    /// A line break: the start of a new line, or the start of the text.
    Line,
}

#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub gap: Gap,
    /// The first character is upper case (for punctuation: false).
    pub cap: bool,
    /// Every letter is upper case and there are at least two.
    pub upper: bool,
}

impl Token {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
    pub fn is_number(&self) -> bool {
        self.kind == Kind::Number
    }
    pub fn is_alnum(&self) -> bool {
        self.kind != Kind::Punct
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    /// Whether this is the punctuation character `c`.
    pub fn is(&self, text: &str, c: char) -> bool {
        self.kind == Kind::Punct && text[self.start..].starts_with(c)
    }
}

pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 4);
    let bytes = text.as_bytes();
    let mut gap = Gap::Line;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // ASCII fast path: most narrative text is ASCII.
        if b.is_ascii() {
            if b == b'\n' || b == b'\r' {
                gap = Gap::Line;
                i += 1;
                continue;
            }
            if b.is_ascii_whitespace() {
                if gap == Gap::None {
                    gap = Gap::Space;
                }
                i += 1;
                continue;
            }
            if !b.is_ascii_alphanumeric() {
                tokens.push(Token {
                    start: i,
                    end: i + 1,
                    kind: Kind::Punct,
                    gap,
                    cap: false,
                    upper: false,
                });
                gap = Gap::None;
                i += 1;
                continue;
            }
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            if c.is_whitespace() {
                if gap == Gap::None {
                    gap = Gap::Space;
                }
                i += c.len_utf8();
                continue;
            }
            if !c.is_alphanumeric() {
                tokens.push(Token {
                    start: i,
                    end: i + c.len_utf8(),
                    kind: Kind::Punct,
                    gap,
                    cap: false,
                    upper: false,
                });
                gap = Gap::None;
                i += c.len_utf8();
                continue;
            }
        }
        let start = i;
        let (mut letters, mut digits, mut uppers) = (0usize, 0usize, 0usize);
        let mut cap = false;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii() {
                if b.is_ascii_digit() {
                    digits += 1;
                } else if b.is_ascii_alphabetic() {
                    if i == start {
                        cap = b.is_ascii_uppercase();
                    }
                    letters += 1;
                    uppers += usize::from(b.is_ascii_uppercase());
                } else {
                    break;
                }
                i += 1;
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                if !c.is_alphanumeric() {
                    break;
                }
                if c.is_numeric() {
                    digits += 1;
                } else {
                    if i == start {
                        cap = c.is_uppercase();
                    }
                    letters += 1;
                    uppers += usize::from(c.is_uppercase());
                }
                i += c.len_utf8();
            }
        }
        let kind = match (letters, digits) {
            (_, 0) => Kind::Word,
            (0, _) if text[start..i].bytes().all(|b| b.is_ascii_digit()) => Kind::Number,
            _ => Kind::Code,
        };
        tokens.push(Token {
            start,
            end: i,
            kind,
            gap,
            cap,
            upper: letters >= 2 && uppers == letters,
        });
        gap = Gap::None;
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_numbers_codes_and_gaps() {
        let text = "Dr. O'Connell, room 3B\nÉlise";
        let t = tokenize(text);
        let shown: Vec<_> = t.iter().map(|t| (t.text(text), t.kind, t.gap)).collect();
        assert_eq!(
            shown,
            vec![
                ("Dr", Kind::Word, Gap::Line),
                (".", Kind::Punct, Gap::None),
                ("O", Kind::Word, Gap::Space),
                ("'", Kind::Punct, Gap::None),
                ("Connell", Kind::Word, Gap::None),
                (",", Kind::Punct, Gap::None),
                ("room", Kind::Word, Gap::Space),
                ("3B", Kind::Code, Gap::Space),
                ("Élise", Kind::Word, Gap::Line),
            ]
        );
        assert!(t[8].cap && !t[6].cap);
    }
}
