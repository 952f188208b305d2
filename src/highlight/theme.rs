//! The highlight themes as CSS for the class names the highlighter's
//! scopes become, with every token colour made readable (WCAG AA) on the
//! background it is drawn on.

use std::sync::OnceLock;

use syntect::highlighting::{Color, Theme, ThemeSet};
use syntect::html::{css_for_theme_with_class_style, ClassStyle};

use super::CLASS_PREFIX;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed {
    prefix: CLASS_PREFIX,
};

/// CSS for the light and dark highlight themes (dark under
/// `prefers-color-scheme: dark`, light otherwise, so no token keeps a
/// light-theme colour on the dark background). Every token colour is
/// adjusted to WCAG AA contrast on its background first, and code blocks
/// take the theme's own background.
pub fn theme_css(light: &str, dark: &str) -> Result<String, String> {
    let themes = shipped_themes();
    let get = |name: &str| {
        themes.themes.get(name).cloned().ok_or_else(|| {
            let known: Vec<&String> = themes.themes.keys().collect();
            format!("unknown highlight theme `{name}`; known themes: {known:?}")
        })
    };
    let css = |theme: Theme| -> Result<String, String> {
        let theme = accessible(theme);
        let mut css =
            css_for_theme_with_class_style(&theme, CLASS_STYLE).map_err(|e| e.to_string())?;
        let (fg, bg) = (theme.settings.foreground, theme.settings.background);
        if let (Some(fg), Some(bg)) = (fg, bg) {
            css.push_str(&format!(
                "pre.code {{ color: {}; background-color: {}; }}\n",
                hex(fg),
                hex(bg)
            ));
        }
        Ok(css)
    };
    let light_css = css(get(light)?)?;
    let dark_css = css(get(dark)?)?;
    Ok(format!(
        "@media not all and (prefers-color-scheme: dark) {{\n{light_css}\n}}\n\
         @media (prefers-color-scheme: dark) {{\n{dark_css}\n}}\n"
    ))
}

/// The themes a site can choose from: syntect's defaults. The markup's
/// classes are chosen for all of them (see `classes`), so a theme added
/// here is covered there too.
pub(super) fn shipped_themes() -> &'static ThemeSet {
    static THEMES: OnceLock<ThemeSet> = OnceLock::new();
    THEMES.get_or_init(ThemeSet::load_defaults)
}

/// WCAG AA for normal text, with a little room for rounding.
const MIN_CONTRAST: f64 = 4.6;

/// The theme with every foreground (the default and each token's) moved
/// towards black or white until it reaches [`MIN_CONTRAST`] on the
/// background it is drawn on; colours that already pass are kept.
fn accessible(mut theme: Theme) -> Theme {
    let white = Color::WHITE;
    let bg = theme.settings.background.unwrap_or(white);
    let fg = theme.settings.foreground.unwrap_or(Color::BLACK);
    theme.settings.foreground = Some(readable(fg, bg));
    theme.settings.background = Some(Color { a: 0xff, ..bg });
    for item in &mut theme.scopes {
        let on = item.style.background.unwrap_or(bg);
        if let Some(fg) = item.style.foreground {
            item.style.foreground = Some(readable(fg, on));
        } else if item.style.background.is_some() {
            // A token background with the default text colour on it.
            item.style.foreground = Some(readable(fg, on));
        }
    }
    theme
}

/// `fg` mixed towards black or white (whichever the background needs)
/// just enough to reach [`MIN_CONTRAST`] on `bg`.
fn readable(fg: Color, bg: Color) -> Color {
    let fg = over(fg, bg);
    if contrast(fg, bg) >= MIN_CONTRAST {
        return fg;
    }
    let target = if contrast(Color::BLACK, bg) > contrast(Color::WHITE, bg) {
        Color::BLACK
    } else {
        Color::WHITE
    };
    let mix = |t: f64| {
        let channel =
            |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        Color {
            r: channel(fg.r, target.r),
            g: channel(fg.g, target.g),
            b: channel(fg.b, target.b),
            a: 0xff,
        }
    };
    (1..=20)
        .map(|step| mix(f64::from(step) / 20.0))
        .find(|c| contrast(*c, bg) >= MIN_CONTRAST)
        .unwrap_or(target)
}

/// A colour with alpha drawn over an opaque background.
fn over(fg: Color, bg: Color) -> Color {
    let a = f64::from(fg.a) / 255.0;
    let channel = |f: u8, b: u8| (f64::from(f) * a + f64::from(b) * (1.0 - a)).round() as u8;
    Color {
        r: channel(fg.r, bg.r),
        g: channel(fg.g, bg.g),
        b: channel(fg.b, bg.b),
        a: 0xff,
    }
}

/// WCAG relative luminance.
fn luminance(c: Color) -> f64 {
    let linear = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.039_28 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b)
}

/// WCAG contrast ratio of two opaque colours.
fn contrast(a: Color, b: Color) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

fn hex(c: Color) -> String {
    format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every token colour of both default themes, and of every theme
    /// syntect ships, reaches AA contrast on the background it is drawn on.
    #[test]
    fn every_token_colour_meets_aa_contrast() {
        let themes = ThemeSet::load_defaults();
        for (name, theme) in themes.themes {
            let before = theme.clone();
            let theme = accessible(theme);
            let bg = theme.settings.background.expect("background");
            let mut checked = 0;
            for item in &theme.scopes {
                if let Some(fg) = item.style.foreground {
                    let on = item.style.background.unwrap_or(bg);
                    let ratio = contrast(fg, on);
                    assert!(ratio >= 4.5, "{name}: {:?} is {ratio:.2}:1", item.scope);
                    checked += 1;
                }
            }
            assert!(checked > 5, "{name}: {checked} colours");
            let fg = theme.settings.foreground.expect("foreground");
            assert!(contrast(fg, bg) >= 4.5, "{name}: default text");
            // Colours that already passed are kept as the theme's author chose.
            for (old, new) in before.scopes.iter().zip(&theme.scopes) {
                if let (Some(a), Some(b)) = (old.style.foreground, new.style.foreground) {
                    let on = old.style.background.unwrap_or(bg);
                    if a.a == 0xff && contrast(a, on) >= MIN_CONTRAST {
                        assert_eq!(a, b, "{name}");
                    }
                }
            }
        }
    }

    #[test]
    fn theme_css_scopes_each_theme_to_its_scheme() {
        let css = theme_css("InspiredGitHub", "base16-ocean.dark").expect("css");
        let dark_at = css
            .find("@media (prefers-color-scheme: dark)")
            .expect("dark block");
        let light_at = css
            .find("@media not all and (prefers-color-scheme: dark)")
            .expect("light block");
        assert!(light_at < dark_at);
        assert_eq!(css.matches("pre.code {").count(), 2);
        assert!(theme_css("nope", "base16-ocean.dark").is_err());
    }
}
