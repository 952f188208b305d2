//! Whether a line instructs: a verb (or an instruction's lead-in) of any
//! language first, and lead-in lines that announce a list of non-steps.

use super::text::fold_words;
use super::{fold, Vocabulary};

impl Vocabulary {
    /// Whether a line reads as an instruction: it starts with a verb (or an
    /// instruction's lead-in such as "Under", "Then") of any language.
    pub(crate) fn is_instruction(&self, text: &str) -> bool {
        // Only the first two words are read: a long step is not folded whole.
        let folded = fold_words(text, 2);
        let mut tokens = folded.split_whitespace();
        let Some(first) = tokens.next() else {
            return false;
        };
        let first = first.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        if self.verbs.contains(first) {
            return true;
        }
        // Two-word verbs ("log in", "a continuación") and polite forms
        // ("Please tap", "Bitte öffnen").
        if let Some(second) = tokens.next() {
            let second = second.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
            if self.verbs.contains(&format!("{first} {second}")) {
                return true;
            }
            if matches!(first, "please" | "bitte" | "veuillez" | "por" | "si") {
                return self.verbs.contains(second) || second == "favor";
            }
            // "Vpravo vyberte", "Затем нажмите": the verb second, in the
            // languages that often put it there.
            if self.late_verbs.contains(second) {
                return true;
            }
            // German and Dutch put the verb first with a polite pronoun:
            // "Tippen Sie", "Klik op"; also "Sie tippen" is rare.
        }
        false
    }

    /// Whether a lead-in line announces a list that is not a procedure
    /// ("Requirements", "Related articles", "Voraussetzungen").
    pub(crate) fn announces_non_steps(&self, text: &str) -> bool {
        let folded = fold(text.trim().trim_end_matches([':', '：']));
        self.not_steps.contains(&folded)
    }
}

#[cfg(test)]
mod tests {
    use crate::vocab::vocabulary;

    #[test]
    fn instructions_and_non_steps() {
        let v = vocabulary();
        assert!(v.is_instruction("Tap **Settings**."));
        assert!(v.is_instruction("Ouvrez l'application Mail."));
        assert!(v.is_instruction("Please enter your password"));
        assert!(!v.is_instruction("The server is busy."));
        assert!(v.announces_non_steps("Requirements:"));
        // Czech and Russian put the imperative second as often as first.
        assert!(v.is_instruction("Vše potvrďte tlačítkem Uložit."));
        assert!(v.is_instruction("Потом нажмите «Готово»."));
        assert!(!v.is_instruction("The note is short."));
    }
}
