//! CSV downloads (RFC 4180: a header row, CRLF line ends, fields quoted where they must be),
//! in UTF-8 with a byte-order mark so that a spreadsheet opens accented names as written.

use axum::http::header;
use axum::response::{IntoResponse, Response};

/// One field of a row.
#[derive(Debug, Clone)]
pub enum Field {
    /// Words: quoted when they must be, and never read as a formula ("=cmd" is written "'=cmd").
    Text(String),
    /// A number, written as it is (a minus sign is no formula).
    Number(String),
    /// No value.
    Empty,
}

impl Field {
    pub fn number(v: impl ToString) -> Self {
        Self::Number(v.to_string())
    }

    pub fn text(v: impl Into<String>) -> Self {
        Self::Text(v.into())
    }

    pub fn optional<T: ToString>(v: Option<T>) -> Self {
        v.map_or(Self::Empty, Self::number)
    }
}

/// A field of a CSV line, quoted when it needs to be, and never read as a formula.
pub fn text_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// A CSV document being written.
#[derive(Debug)]
pub struct Csv {
    out: String,
    columns: usize,
}

impl Csv {
    pub fn new(headings: &[&str]) -> Self {
        let mut csv = Self {
            out: String::from("\u{feff}"),
            columns: headings.len(),
        };
        csv.push(headings.iter().map(|h| Field::text(*h)).collect());
        csv
    }

    /// Add a row; it must have as many fields as there are headings.
    pub fn push(&mut self, row: Vec<Field>) {
        debug_assert_eq!(row.len(), self.columns, "a CSV row of the wrong width");
        let line: Vec<String> = row
            .into_iter()
            .map(|f| match f {
                Field::Text(s) => text_field(&s),
                Field::Number(s) => s,
                Field::Empty => String::new(),
            })
            .collect();
        self.out.push_str(&line.join(","));
        self.out.push_str("\r\n");
    }

    /// The document as a download named `filename` (ASCII letters, digits, '-', '_', '.').
    pub fn download(self, filename: &str) -> Response {
        let safe: String = filename
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{safe}\""),
                ),
            ],
            self.out,
        )
            .into_response()
    }

    pub fn as_str(&self) -> &str {
        &self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_never_formulas() {
        assert_eq!(text_field("plain"), "plain");
        assert_eq!(text_field("a,b"), "\"a,b\"");
        assert_eq!(text_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(text_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }

    #[test]
    fn rows_follow_rfc_4180_and_refuse_formulas() {
        let mut csv = Csv::new(&["clinic", "value"]);
        csv.push(vec![Field::text("Alder, \"North\""), Field::number(-0.5)]);
        csv.push(vec![Field::text("=HYPERLINK(1)"), Field::Empty]);
        assert_eq!(
            csv.as_str(),
            "\u{feff}clinic,value\r\n\"Alder, \"\"North\"\"\",-0.5\r\n'=HYPERLINK(1),\r\n"
        );
    }
}
