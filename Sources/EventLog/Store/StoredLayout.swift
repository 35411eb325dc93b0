/// Byte-level facts about a stored body that the hot paths use without a full JSON parse.
///
/// A stored body is the envelope's canonical content with `"recorded":"…","seq":N` spliced
/// in before `"subject"` (keys are sorted). Inside canonical strings every `"` is escaped,
/// so the last `,"recorded":"` in a body is the top-level one: only `seq`, `subject` and
/// `type` follow it.
enum StoredLayout {
    private static let recordedMarker = Array(#","recorded":""#.utf8)

    /// The body's parts around the log's own fields: `content == before + "," + after`.
    static func split(_ body: UnsafeRawBufferPointer) -> (before: Range<Int>, after: Range<Int>)? {
        let marker = recordedMarker
        guard body.count > marker.count else { return nil }
        var position = body.count - marker.count
        while position >= 0 {
            if body[position] == marker[0], body[position + 1] == marker[1],
                zip(marker.indices, position...).allSatisfy({ marker[$0] == body[$1] })
            {
                break
            }
            position -= 1
        }
        guard position > 0 else { return nil }
        // Skip `,"recorded":"…"` then `,"seq":N`, to the comma before "subject".
        var cursor = position + marker.count
        while cursor < body.count, body[cursor] != UInt8(ascii: "\"") { cursor += 1 }
        cursor += 1  // the closing quote of recorded
        guard cursor < body.count, body[cursor] == UInt8(ascii: ",") else { return nil }
        cursor += 1
        while cursor < body.count, body[cursor] != UInt8(ascii: ",") { cursor += 1 }
        guard cursor < body.count else { return nil }
        return (0 ..< position, (cursor + 1) ..< body.count)
    }

    /// True when the stored body holds exactly this canonical content.
    static func content(of body: UnsafeRawBufferPointer, equals content: [UInt8]) -> Bool {
        guard let (before, after) = split(body), before.count + 1 + after.count == content.count else { return false }
        return content.withUnsafeBytes { content in
            content[before.count] == UInt8(ascii: ",")
                && memcmpEqual(UnsafeRawBufferPointer(rebasing: body[before]), UnsafeRawBufferPointer(rebasing: content[0 ..< before.count]))
                && memcmpEqual(UnsafeRawBufferPointer(rebasing: body[after]), UnsafeRawBufferPointer(rebasing: content[(before.count + 1)...]))
        }
    }

    private static func memcmpEqual(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        a.count == b.count && a.elementsEqual(b)
    }
}
