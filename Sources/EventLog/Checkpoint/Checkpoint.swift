/// A statement of a log's size and head at a moment, kept outside the log.
///
/// Whoever holds a checkpoint can later prove the log was only appended to since: the head
/// stored at `size` must still equal `head`. Truncating the log, or rewriting its tail
/// with a freshly computed chain, no longer matches. Signed with HMAC-SHA256 (RFC 2104)
/// when a key is given, so the checkpoint itself cannot be quietly replaced.
///
/// File form: one canonical JSON object,
/// `{"format":"ironcage-checkpoint/1","head":"<hex>","log_id":"…","signature":"<hex>","size":N,"time":"…Z"}`;
/// the signature covers the same object without its `signature` member.
public struct Checkpoint: Sendable, Equatable {
    public static let format = "ironcage-checkpoint/1"

    public var logID: String
    public var size: Int64
    public var head: SHA256Digest
    public var time: Instant
    /// HMAC-SHA256 of `signedBytes` under the signer's key, or nil when unsigned.
    public var signature: SHA256Digest?

    public init(logID: String, size: Int64, head: SHA256Digest, time: Instant, signature: SHA256Digest? = nil) {
        self.logID = logID
        self.size = size
        self.head = head
        self.time = time
        self.signature = signature
    }

    /// The bytes the signature covers: the canonical object without `signature`.
    public var signedBytes: [UInt8] {
        Array(#"{"format":"\#(Self.format)","head":"\#(head.hex)","log_id":\#(jsonString(logID)),"size":\#(size),"time":"\#(time.utcString)"}"#.utf8)
    }

    /// This checkpoint signed with `key`.
    public func signed(key: [UInt8]) -> Checkpoint {
        var copy = self
        copy.signature = HMACSHA256.authenticationCode(for: signedBytes, key: key)
        return copy
    }

    /// True when `signature` is the HMAC of `signedBytes` under `key`.
    public func hasValidSignature(key: [UInt8]) -> Bool {
        guard let signature else { return false }
        return HMACSHA256.isValid(signature, for: signedBytes, key: key)
    }

    /// The file form: canonical JSON and a newline.
    public var fileBytes: [UInt8] {
        var text = #"{"format":"\#(Self.format)","head":"\#(head.hex)","log_id":\#(jsonString(logID)),"#
        if let signature { text += #""signature":"\#(signature.hex)","# }
        text += #""size":\#(size),"time":"\#(time.utcString)"}"# + "\n"
        return Array(text.utf8)
    }
}

/// A JSON string literal in the log's canonical escaping.
private func jsonString(_ text: String) -> String {
    var bytes: [UInt8] = []
    CanonicalJSON.appendString(text, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}
