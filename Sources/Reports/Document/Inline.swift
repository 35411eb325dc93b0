import Audit

/// A run of text inside a paragraph, list item or table cell, tagged with where it came from,
/// so that each writer can escape and mark it: text from events is shown literally and isolated
/// (a Markdown code span, an HTML `<bdi>`), never interpreted.
enum Inline: Equatable {
    /// Text written by IronCage or taken from the rule packs.
    case text(String)
    /// Text that came from an event (subjects, departments, actors, data): hostile until shown otherwise.
    case event(String)
    /// Emphasised text of ours.
    case strong(String)
    /// A command or file name of ours, shown as code.
    case code(String)
    /// A red or yellow card.
    case card(FindingLevel, String)
    /// A line break inside a cell or item.
    case lineBreak
}

extension Inline {
    /// Fixed wording with `backticked` command names: text and code, alternately.
    static func prose(_ text: String) -> [Inline] {
        text.split(separator: "`", omittingEmptySubsequences: false).enumerated().compactMap { index, part in
            if part.isEmpty { return nil }
            return index % 2 == 0 ? .text(String(part)) : .code(String(part))
        }
    }
}
