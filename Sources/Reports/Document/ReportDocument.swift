import Audit

/// A report laid out for reading, in one language: the blocks that the Markdown and HTML
/// writers render, so that both carry the same figures in the same order.
struct ReportDocument {
    let language: Language
    let title: String
    var blocks: [ReportBlock] = []

    init(language: Language, title: String) {
        self.language = language
        self.title = title
    }

    /// The text in the document's language.
    func t(_ text: LocalizedText) -> String { text.text(language) }

    mutating func heading(_ level: Int, _ text: String, id: String? = nil) {
        blocks.append(.heading(level, [.text(text)], id: id))
    }

    mutating func heading(_ level: Int, _ inlines: [Inline], id: String? = nil) {
        blocks.append(.heading(level, inlines, id: id))
    }

    mutating func paragraph(_ inlines: [Inline]) {
        blocks.append(.paragraph(inlines))
    }

    mutating func list(_ items: [[Inline]]) {
        blocks.append(.list(items))
    }

    mutating func table(_ table: ReportTable) {
        blocks.append(.table(table))
    }

    mutating func chart(svg: String, caption: String) {
        blocks.append(.chart(svg: svg, caption: caption))
    }
}
