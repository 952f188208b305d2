//! Translations: articles grouped by translation key, the site's
//! languages, which article each listing shows, and the fallback pages a
//! language without a translation gets (the original with a notice).

use std::collections::{BTreeMap, HashSet};

use crate::diagnostics::Diagnostic;
use crate::model::Article;
use crate::normalise::{metadata, same_language};

/// A page for a language that has no translation of an article: it shows
/// the `source` article with a notice in `language`.
#[derive(Debug, Clone)]
pub(crate) struct Fallback {
    pub language: String,
    /// Site-relative URL of the fallback page.
    pub url: String,
    /// Index into `Site::articles`.
    pub source: usize,
}

/// Every article's translations and the fallback pages.
#[derive(Debug, Clone, Default)]
pub(crate) struct Translations {
    /// Languages of the site, the default first, then as sorted tags.
    pub languages: Vec<String>,
    /// Article index -> index into `groups`.
    pub group_of: Vec<usize>,
    /// Article indexes per group, the default language first.
    pub groups: Vec<Vec<usize>>,
    /// Whether listings show the article (one article per group).
    pub listed: Vec<bool>,
    pub fallbacks: Vec<Fallback>,
    /// Group index -> indexes into `fallbacks`.
    group_fallbacks: Vec<Vec<usize>>,
}

/// One version of an article in the language switcher.
#[derive(Debug, Clone)]
pub(crate) struct Version<'a> {
    pub language: &'a str,
    pub url: &'a str,
    /// A real translation (not a fallback page).
    pub translated: bool,
}

impl Translations {
    /// Groups `articles` (sorted by URL) by translation key. Two articles
    /// of one group in one language are an error naming both files.
    pub(crate) fn new(
        articles: &[Article],
        default_language: &str,
    ) -> (Translations, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let mut by_key: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, article) in articles.iter().enumerate() {
            let key = article
                .translation_key
                .clone()
                .unwrap_or_else(|| metadata::file_translation_key(&article.source));
            by_key.entry(key).or_default().push(i);
        }
        let mut languages: Vec<String> = vec![default_language.to_string()];
        for article in articles.iter().filter(|a| a.translation_key.is_some()) {
            if !languages
                .iter()
                .any(|l| same_language(l, &article.language))
            {
                languages.push(article.language.clone());
            }
        }
        languages[1..].sort();
        let rank = |language: &str| {
            languages
                .iter()
                .position(|l| same_language(l, language))
                .unwrap_or(usize::MAX)
        };
        let mut group_of = vec![0; articles.len()];
        let mut groups: Vec<Vec<usize>> = Vec::with_capacity(by_key.len());
        for (_, mut members) in by_key {
            members.sort_by(|&a, &b| {
                rank(&articles[a].language)
                    .cmp(&rank(&articles[b].language))
                    .then(articles[a].language.cmp(&articles[b].language))
                    .then(a.cmp(&b))
            });
            let mut kept: Vec<usize> = Vec::with_capacity(members.len());
            for &i in &members {
                match kept
                    .iter()
                    .find(|&&k| same_language(&articles[k].language, &articles[i].language))
                {
                    Some(&first) => diagnostics.push(
                        Diagnostic::error(
                            &articles[i].source,
                            format!(
                                "this article and {} are both the `{}` translation of one article",
                                articles[first].source.display(),
                                articles[i].language
                            ),
                        )
                        .hint("give one of them another `language:` or `translation_key:`"),
                    ),
                    None => kept.push(i),
                }
            }
            for &i in &members {
                group_of[i] = groups.len();
            }
            groups.push(kept);
        }
        let mut listed = vec![false; articles.len()];
        for group in &groups {
            if let Some(&first) = group.first() {
                listed[first] = true;
            }
        }
        let real: HashSet<&str> = articles.iter().map(|a| a.url.as_str()).collect();
        let mut fallbacks = Vec::new();
        let mut group_fallbacks = vec![Vec::new(); groups.len()];
        if languages.len() > 1 {
            for (g, group) in groups.iter().enumerate() {
                let Some(&source) = group.first() else {
                    continue;
                };
                let path = unprefixed(&articles[source], default_language);
                for language in &languages {
                    if group
                        .iter()
                        .any(|&m| same_language(&articles[m].language, language))
                    {
                        continue;
                    }
                    let url = if same_language(language, default_language) {
                        path.to_string()
                    } else {
                        format!("/{}{path}", language.to_lowercase())
                    };
                    if !real.contains(url.as_str()) {
                        group_fallbacks[g].push(fallbacks.len());
                        fallbacks.push(Fallback {
                            language: language.clone(),
                            url,
                            source,
                        });
                    }
                }
            }
        }
        (
            Translations {
                languages,
                group_of,
                groups,
                listed,
                fallbacks,
                group_fallbacks,
            },
            diagnostics,
        )
    }

    /// The real translations of the article (itself included), default
    /// language first.
    pub(crate) fn translations(&self, article: usize) -> &[usize] {
        self.group_of
            .get(article)
            .and_then(|&g| self.groups.get(g))
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The article's page in every site language: the translation, else
    /// the fallback page; languages with neither are left out.
    pub(crate) fn versions<'a>(
        &'a self,
        articles: &'a [Article],
        article: usize,
    ) -> Vec<Version<'a>> {
        let members = self.translations(article);
        let group = self.group_of.get(article).copied();
        self.languages
            .iter()
            .filter_map(|language| {
                if let Some(&m) = members
                    .iter()
                    .find(|&&m| same_language(&articles[m].language, language))
                {
                    return Some(Version {
                        language: &articles[m].language,
                        url: &articles[m].url,
                        translated: true,
                    });
                }
                group
                    .and_then(|g| self.group_fallbacks.get(g))
                    .into_iter()
                    .flatten()
                    .map(|&f| &self.fallbacks[f])
                    .find(|f| same_language(&f.language, language))
                    .map(|f| Version {
                        language: &f.language,
                        url: &f.url,
                        translated: false,
                    })
            })
            .collect()
    }
}

/// The article's URL without its `/<lang>/` prefix.
fn unprefixed<'a>(article: &'a Article, default_language: &str) -> &'a str {
    if same_language(&article.language, default_language) {
        return &article.url;
    }
    let prefix = format!("/{}/", article.language.to_lowercase());
    if article.url.starts_with(&prefix) {
        &article.url[prefix.len() - 1..]
    } else {
        &article.url
    }
}
