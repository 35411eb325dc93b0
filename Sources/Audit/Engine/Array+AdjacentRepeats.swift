extension Array {
    /// Keeps the first of each run of neighbouring elements that `same` finds alike, in
    /// place: on a sorted array, one of each.
    mutating func removeAdjacentRepeats(by same: (Element, Element) -> Bool) {
        var kept = 0
        for index in indices where kept == 0 || !same(self[index], self[kept - 1]) {
            if kept != index { swapAt(kept, index) }
            kept += 1
        }
        removeLast(count - kept)
    }
}
