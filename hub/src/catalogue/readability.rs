//! The catalogue's own words, held to the reading age families are written for.

/// The catalogue's own words (headings, buttons, help) must read at the age families are
/// written for. Each message is a line; the test prints every score, and holds the whole to
/// the target, and each message of a sentence or more to a reading ease that is at least
/// "standard".
#[cfg(test)]
mod fixed_texts {
    use tandem_shared::model::Language;
    use tandem_shared::readability::score;

    /// The public catalogue's messages of a locale file: not the editors' nor the problems.
    fn messages(ftl: &str) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for line in ftl.lines() {
            let trimmed = line.trim();
            if let Some((key, value)) = line.split_once(" = ")
                && !line.starts_with(' ')
            {
                if key.starts_with("catalogue-") && !key.starts_with("catalogue-problem-") {
                    out.push((key.to_owned(), value.to_owned()));
                }
            } else if line.starts_with(' ')
                && (trimmed.starts_with("*[") || trimmed.starts_with('['))
                && let Some(last) = out.last_mut()
            {
                // A variant of a plural: its words, for the message they belong to.
                let words = trimmed.split_once(']').map_or("", |(_, w)| w);
                last.1.push(' ');
                last.1.push_str(words);
            }
        }
        for (_, value) in &mut out {
            // A placeable reads as a short word ("3", a name).
            let mut plain = String::new();
            let mut rest = value.as_str();
            while let Some(start) = rest.find('{') {
                plain.push_str(&rest[..start]);
                plain.push_str("three");
                rest = rest[start..].split_once('}').map_or("", |(_, r)| r);
            }
            plain.push_str(rest);
            *value = plain.replace("{ $count ->", "");
        }
        out
    }

    fn check(ftl: &str, lang: Language) {
        let all = messages(ftl);
        assert!(all.len() > 40, "{} messages", all.len());
        let mut hard = Vec::new();
        for (key, text) in &all {
            let Some(s) = score(text, lang) else { continue };
            println!(
                "{lang:?} {key:<36} ease {:>6.1} grade {:>5} words {:>3}",
                s.ease,
                s.grade.map_or("-".into(), |g| format!("{g:.1}")),
                s.words
            );
            if s.words >= 8 && s.ease < 60.0 {
                hard.push(format!("{key}: {:.0}", s.ease));
            }
        }
        let whole: Vec<&str> = all.iter().map(|(_, t)| t.as_str()).collect();
        let s = score(&whole.join("\n"), lang).unwrap();
        println!(
            "{lang:?} all {} messages: ease {:.1}, grade {}",
            all.len(),
            s.ease,
            s.grade.map_or("-".into(), |g| format!("{g:.1}"))
        );
        assert!(s.plain(), "{lang:?} as a whole: {s:?}");
        assert!(
            hard.is_empty(),
            "{lang:?} messages harder than standard: {hard:?}"
        );
    }

    #[test]
    fn the_catalogues_own_words_read_at_age_9_to_11_in_both_languages() {
        check(
            include_str!("../../../shared/web/locales/en/hub.ftl"),
            Language::En,
        );
        check(
            include_str!("../../../shared/web/locales/fr/hub.ftl"),
            Language::Fr,
        );
    }
}
