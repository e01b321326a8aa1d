//! Plumbing that both `tandem-node` and `tandem-hub` need, written once: HTTP problem responses
//! and JSON bodies ([`http`]), logging and shutdown ([`process`]), SQLite connections ([`sqlite`]),
//! embedded migrations for any engine ([`migrations`]), files only their owner may read
//! ([`files`]), and listeners that slow or idle clients cannot exhaust ([`serve`]).
//!
//! Unlike `tandem-shared`, this crate does I/O; neither it nor `tandem-shared` knows anything
//! of nodes or hubs.

pub mod doctor;
pub mod fault;
pub mod files;
pub mod http;
pub mod migrations;
pub mod openapi;
pub mod process;
pub mod serve;
pub mod sqlite;

/// A TOML error on one line: where it is and what is wrong.
pub fn toml_error(text: &str, e: &toml::de::Error) -> String {
    match e.span() {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            format!("line {line}: {}", e.message().trim())
        }
        None => e.message().trim().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn toml_errors_fit_on_one_line_and_say_where() {
        let text = "a = 1\nb = \n";
        let e = toml::from_str::<toml::Table>(text).unwrap_err();
        let line = super::toml_error(text, &e);
        assert!(line.starts_with("line 2: "), "{line}");
        assert!(!line.contains('\n'));
    }
}
