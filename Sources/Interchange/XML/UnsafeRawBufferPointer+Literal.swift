#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension UnsafeRawBufferPointer {
    /// Whether these bytes are exactly the literal's UTF-8.
    ///
    /// Element and attribute names are compared millions of times in a large log;
    /// `memcmp` on a length match beats the generic `elementsEqual` by far.
    @inline(__always)
    func equals(_ literal: StaticString) -> Bool {
        guard count == literal.utf8CodeUnitCount else { return false }
        guard let base = baseAddress else { return count == 0 }
        return memcmp(base, literal.utf8Start, count) == 0
    }

    /// Whether these bytes are exactly `other`'s.
    @inline(__always)
    func equals(_ other: UnsafeRawBufferPointer) -> Bool {
        guard count == other.count else { return false }
        guard count > 0, let base = baseAddress, let otherBase = other.baseAddress else { return count == 0 }
        return memcmp(base, otherBase, count) == 0
    }

    /// Whether these bytes are exactly `other`'s.
    @inline(__always)
    func equals(_ other: [UInt8]) -> Bool {
        guard count == other.count else { return false }
        guard let base = baseAddress else { return count == 0 }
        return other.withUnsafeBytes { bytes in
            guard let otherBase = bytes.baseAddress else { return false }
            return memcmp(base, otherBase, count) == 0
        }
    }
}
