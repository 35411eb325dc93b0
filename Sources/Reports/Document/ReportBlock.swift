/// One block of a report document: what Markdown and HTML both render, each in its own way.
enum ReportBlock {
    /// A heading of level 1–4, with an anchor id for HTML.
    case heading(Int, [Inline], id: String?)
    case paragraph([Inline])
    /// A bulleted list; each item a run of inlines.
    case list([[Inline]])
    case table(ReportTable)
    /// An inline SVG chart (HTML only; Markdown readers get the same figures as tables).
    case chart(svg: String, caption: String)
}
