//! English for messages and docs that name schema types: "an `InferenceEndpoint`", "a `UnitPrice`".

/// The indefinite article for `word` (a type or member name), by how it is most likely said:
/// `an` before a vowel sound, `a` otherwise, including the "you" sound of `Uni…`, `Use…`,
/// `Uri…` and `Uuid`.
pub fn indefinite_article(word: &str) -> &'static str {
    let lower = word.trim_start_matches(['`', '_']).to_ascii_lowercase();
    const YOU: &[&str] = &[
        "uni", "use", "usa", "usu", "uti", "uri", "uu", "ure", "eu", "one",
    ];
    if YOU.iter().any(|p| lower.starts_with(p)) {
        return "a";
    }
    match lower.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_follow_the_sound() {
        for (word, article) in [
            ("InferenceEndpoint", "an"),
            ("AmazonNeptuneMlJob", "an"),
            ("Order", "an"),
            ("`Event`", "an"),
            ("UpdatePolicy", "an"),
            ("DataProcessingJob", "a"),
            ("UnitPrice", "a"),
            ("Uuid", "a"),
            ("UserProfile", "a"),
            ("UriTemplate", "a"),
            ("OneTimeCode", "a"),
            ("", "a"),
        ] {
            assert_eq!(indefinite_article(word), article, "{word}");
        }
    }
}
