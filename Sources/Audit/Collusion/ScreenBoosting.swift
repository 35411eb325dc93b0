#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Gradient boosting of decision stumps under the logistic loss: an additive model of the
/// screens, each a step function of one screen, that can follow a non-linear screen (a
/// number of bids typical of a rigged market, a bid-to-estimate ratio in a band) where a
/// logistic regression draws one straight line.
///
/// Each round fits one stump to the loss's gradient gᵢ = wᵢ(pᵢ − yᵢ) and curvature
/// hᵢ = wᵢpᵢ(1 − pᵢ): for every screen and every split between two distinct values with at
/// least `minimumLeaf` samples on each side, the three leaves (at or below, above,
/// missing) take the Newton values −G/(H + λ), and the split that lowers the loss most,
/// Σ G²/(H + λ) over the leaves, wins; its values, shrunk by the learning rate, are added
/// to the score (Friedman 2001, "Greedy function approximation: a gradient boosting
/// machine", Annals of Statistics 29(5); the regularised leaf values of Chen & Guestrin
/// 2016, "XGBoost", KDD). A missing screen gets a leaf of its own, so a tender without an
/// estimate is neither helped nor hurt by a guessed value.
struct ScreenBoosting: Sendable {
    var rounds = 100
    var learningRate = 0.1
    /// λ, the L2 penalty on leaf values.
    var l2 = 1.0
    var minimumLeaf = 5

    /// Fits the stumps.
    ///
    /// - Parameters:
    ///   - rows: one row of features per sample; nil for a missing value.
    ///   - labels: each sample's class.
    ///   - weights: each sample's weight.
    /// - Returns: the starting score (the weighted log-odds of the labels) and the stumps.
    /// - Complexity: O(*p* *n* log *n*) once, then O(*p* *n*) per round.
    func fit(_ rows: [[Double?]], labels: [Bool], weights: [Double]) -> (intercept: Double, stumps: [ScreenModel.Stump]) {
        let n = rows.count
        let p = rows.first?.count ?? 0
        let positive = zip(labels, weights).reduce(0) { $0 + ($1.0 ? $1.1 : 0) }
        let total = weights.reduce(0, +)
        guard n > 0, positive > 0, positive < total else { return (0, []) }
        let intercept = log(positive / (total - positive))
        // Each feature's present samples in ascending order of value, and its missing ones.
        var orders: [[Int]] = []
        var missing: [[Int]] = []
        for j in 0..<p {
            orders.append((0..<n).filter { rows[$0][j] != nil }.sorted { (rows[$0][j] ?? 0, $0) < (rows[$1][j] ?? 0, $1) })
            missing.append((0..<n).filter { rows[$0][j] == nil })
        }
        var scores = [Double](repeating: intercept, count: n)
        var gradient = [Double](repeating: 0, count: n)
        var curvature = [Double](repeating: 0, count: n)
        var stumps: [ScreenModel.Stump] = []
        for _ in 0..<rounds {
            for i in 0..<n {
                let probability = ScreenModel.probability(scores[i])
                gradient[i] = weights[i] * (probability - (labels[i] ? 1 : 0))
                curvature[i] = weights[i] * probability * (1 - probability)
            }
            var best: (gain: Double, stump: ScreenModel.Stump)?
            for j in 0..<p {
                let order = orders[j]
                guard order.count >= 2 * minimumLeaf else { continue }
                let missingG = missing[j].reduce(0) { $0 + gradient[$1] }
                let missingH = missing[j].reduce(0) { $0 + curvature[$1] }
                let presentG = order.reduce(0) { $0 + gradient[$1] }
                let presentH = order.reduce(0) { $0 + curvature[$1] }
                let missingGain = missingG * missingG / (missingH + l2)
                var leftG = 0.0
                var leftH = 0.0
                for position in 0..<(order.count - minimumLeaf) {
                    let i = order[position]
                    leftG += gradient[i]
                    leftH += curvature[i]
                    guard position + 1 >= minimumLeaf else { continue }
                    let value = rows[i][j] ?? 0
                    let next = rows[order[position + 1]][j] ?? 0
                    guard next > value else { continue }
                    let rightG = presentG - leftG
                    let rightH = presentH - leftH
                    let gain = leftG * leftG / (leftH + l2) + rightG * rightG / (rightH + l2) + missingGain
                    if best == nil || gain > best?.gain ?? 0 {
                        best = (
                            gain,
                            ScreenModel.Stump(
                                feature: j, split: value + (next - value) / 2, atOrBelow: -learningRate * leftG / (leftH + l2),
                                above: -learningRate * rightG / (rightH + l2),
                                missing: missing[j].isEmpty ? 0 : -learningRate * missingG / (missingH + l2))
                        )
                    }
                }
            }
            guard let stump = best?.stump else { break }
            stumps.append(stump)
            for i in 0..<n { scores[i] += stump.value(rows[i][stump.feature]) }
        }
        return (intercept, stumps)
    }
}
