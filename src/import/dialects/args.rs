//! Arguments of shortcodes, Liquid tags and JSX elements:
//! `key="value"` pairs, bare values and JSX source expressions.

/// `key="value"`, `key='value'`, `key=value` and bare `"value"` / `word`
/// arguments, in order (bare ones under the key `""`).
pub(crate) fn parse_args(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        while i < chars.len() && (chars[i].is_whitespace() || chars[i] == ',') {
            i += 1;
        }
        if i >= chars.len() {
            break;
        }
        let quoted = |i: &mut usize| -> String {
            let q = chars[*i];
            *i += 1;
            let start = *i;
            while *i < chars.len() && chars[*i] != q {
                *i += 1;
            }
            let s: String = chars[start..*i].iter().collect();
            *i += 1;
            s
        };
        if matches!(chars[i], '"' | '\'' | '`') {
            out.push((String::new(), quoted(&mut i)));
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '=' && chars[i] != ',' {
            i += 1;
        }
        let word: String = chars[start..i].iter().collect();
        if i < chars.len() && chars[i] == '=' {
            i += 1;
            let value = if i < chars.len() && matches!(chars[i], '"' | '\'' | '`') {
                quoted(&mut i)
            } else if i < chars.len() && chars[i] == '{' {
                // JSX expression: up to the matching brace on this tag.
                let start = i;
                let mut depth = 0usize;
                while i < chars.len() {
                    match chars[i] {
                        '{' => depth += 1,
                        '}' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                i += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                chars[start..i.min(chars.len())].iter().collect()
            } else {
                let start = i;
                while i < chars.len() && !chars[i].is_whitespace() && chars[i] != ',' {
                    i += 1;
                }
                chars[start..i].iter().collect()
            };
            // `--alt="x"` (Jekyll plugins) is `alt`.
            out.push((word.trim_start_matches('-').to_lowercase(), value));
        } else if !word.is_empty() {
            out.push((String::new(), word));
        } else {
            i += 1;
        }
    }
    out
}

/// The value of the first of `keys` among parsed arguments.
pub(crate) fn arg<'a>(args: &'a [(String, String)], keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|k| {
        args.iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    })
}

/// The `n`th bare argument.
pub(crate) fn positional(args: &[(String, String)], n: usize) -> Option<&str> {
    args.iter()
        .filter(|(k, _)| k.is_empty())
        .nth(n)
        .map(|(_, v)| v.as_str())
}

/// The string inside a JSX source expression: `{require('./a.png').default}`,
/// `{useBaseUrl('/img/a.png')}`, `{"a.png"}`.
pub(crate) fn jsx_string(value: &str) -> String {
    let v = value.trim();
    if !v.starts_with('{') {
        return v.to_string();
    }
    for q in ['\'', '"', '`'] {
        if let Some(start) = v.find(q) {
            if let Some(len) = v[start + 1..].find(q) {
                return v[start + 1..start + 1 + len].to_string();
            }
        }
    }
    v.trim_matches(['{', '}']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_bare_and_jsx_arguments() {
        let args = parse_args(r#"src="a.png" alt='An image' width=300 "iOS" bare"#);
        assert_eq!(arg(&args, &["alt"]), Some("An image"));
        assert_eq!(arg(&args, &["width"]), Some("300"));
        assert_eq!(positional(&args, 0), Some("iOS"));
        assert_eq!(positional(&args, 1), Some("bare"));
        assert_eq!(jsx_string("{require('./x.png').default}"), "./x.png");
    }
}
