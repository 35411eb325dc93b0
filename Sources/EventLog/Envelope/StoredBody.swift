/// Field extraction from canonical stored bodies without parsing them.
///
/// The verifier walks every row of the log; reading one field should not cost a full
/// parse. These functions rely on the canonical form that
/// ``Envelope/storedBody(seq:recorded:)`` writes and ``StoredEvent`` enforces.
public enum StoredBody {
    /// The top-level `seq` of a canonical stored body.
    ///
    /// In canonical key order the body ends `…,"seq":N,"subject":"…","type":"…"}`. A
    /// canonical string escapes every `"` as `\"`, so the bytes `,"seq":` can never
    /// occur inside a string value, and the only keys after the top-level `seq` are
    /// `subject` and `type`, whose values are strings. The last `,"seq":` in the body
    /// is therefore the top-level one, even when `data` holds nested `seq` keys; it is
    /// found by scanning back from the end.
    ///
    /// - Parameter body: A stored body.
    /// - Returns: The `seq`, or `nil` when the body does not have that shape or the
    ///   number is not a positive decimal integer that fits in 64 bits. A body that is
    ///   not canonical may give a wrong answer; ``StoredEvent`` checks fully.
    /// - Complexity: O(*k*), where *k* is the length of the tail after `seq`.
    public static func seq(in body: UnsafeRawBufferPointer) -> Int64? {
        let pattern: StaticString = #","seq":"#
        let length = pattern.utf8CodeUnitCount
        guard body.count > length else { return nil }
        var start = body.count - length
        while start >= 0 {
            var matches = true
            for k in 0..<length where body[start + k] != pattern.utf8Start[k] {
                matches = false
                break
            }
            if matches { break }
            start -= 1
        }
        guard start >= 0 else { return nil }
        var i = start + length
        var value: Int64 = 0
        let firstDigit = i
        while i < body.count, body[i] &- UInt8(ascii: "0") < 10 {
            let digit = Int64(body[i] - UInt8(ascii: "0"))
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { return nil }
            value = sum
            i += 1
        }
        guard i > firstDigit, i < body.count, body[i] == UInt8(ascii: ","),
            body[firstDigit] != UInt8(ascii: "0")
        else { return nil }
        return value
    }

    /// The top-level `seq` of a canonical stored body held in an array.
    ///
    /// - Parameter body: A stored body.
    /// - Returns: As ``seq(in:)-(UnsafeRawBufferPointer)``.
    public static func seq(in body: [UInt8]) -> Int64? {
        body.withUnsafeBytes { seq(in: $0) }
    }
}
