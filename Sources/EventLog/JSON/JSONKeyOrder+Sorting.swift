/// Sorting parsed object members into key order, shared by both JSON builders.
extension JSONKeyOrder {
    /// Sorts `members[first...]` by key and finds repeated keys.
    ///
    /// Members equal by key stay in document order (insertion sort is stable; the
    /// larger-object path breaks ties by offset), so for each repeated key the second
    /// occurrence follows the first, and the reported duplicate is the earliest second
    /// occurrence in the document — the same answer whichever builder asks.
    ///
    /// - Parameters:
    ///   - members: The builder's member stack.
    ///   - first: Where the object's members start in `members`.
    ///   - compare: Three-way key comparison.
    ///   - offset: A member key's input offset.
    /// - Returns: The input offset of the earliest duplicate key, or `nil`.
    /// - Complexity: O(*n*²) moves for up to 16 members (typically already almost in
    ///   order), O(*n* log *n*) above.
    @inline(__always)
    static func sortMembers<Member>(
        _ members: inout [Member], from first: Int,
        compare: (Member, Member) -> Int, offset: (Member) -> Int
    ) -> Int? {
        let count = members.count - first
        guard count > 1 else { return nil }
        // Fast path: already strictly increasing means sorted and unique.
        var ordered = true
        var i = first + 1
        while i < members.count {
            if compare(members[i - 1], members[i]) >= 0 {
                ordered = false
                break
            }
            i += 1
        }
        if ordered { return nil }
        if count <= 16 {
            i = first + 1
            while i < members.count {
                if compare(members[i], members[i - 1]) < 0 {
                    let moving = members[i]
                    var j = i
                    while j > first, compare(moving, members[j - 1]) < 0 {
                        members[j] = members[j - 1]
                        j -= 1
                    }
                    members[j] = moving
                }
                i += 1
            }
        } else {
            members[first...].sort { a, b in
                let order = compare(a, b)
                return order != 0 ? order < 0 : offset(a) < offset(b)
            }
        }
        var duplicate: Int?
        i = first + 1
        while i < members.count {
            if compare(members[i - 1], members[i]) == 0 {
                duplicate = min(duplicate ?? Int.max, offset(members[i]))
            }
            i += 1
        }
        return duplicate
    }
}
