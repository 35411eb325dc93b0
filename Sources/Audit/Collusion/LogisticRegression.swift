#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Weighted logistic regression with an L2 penalty, fitted by Newton–Raphson (iteratively
/// reweighted least squares).
///
/// Minimises, over the intercept β₀ and the coefficients β,
///
///     Σᵢ wᵢ [log(1 + e^ηᵢ) − yᵢ ηᵢ] + (λ/2) Σⱼ βⱼ²,   ηᵢ = β₀ + xᵢ·β,
///
/// the intercept unpenalised. Each step solves (XᵀWX + λI′) δ = gradient by Cholesky
/// factorisation (the matrix is positive definite for λ > 0 and data that vary), halving
/// the step while it would raise the objective, so that the iteration cannot overshoot on
/// nearly separable data. The penalty keeps the coefficients finite when the classes are
/// separable (Hastie, Tibshirani & Friedman, *The Elements of Statistical Learning*,
/// 2nd ed., §4.4.1 and §4.4.4).
struct LogisticRegression: Sendable, Equatable {
    var intercept: Double
    var coefficients: [Double]
    /// Newton steps taken.
    var iterations: Int

    /// Fits the model.
    ///
    /// - Parameters:
    ///   - rows: one row of `p` features per sample.
    ///   - labels: each sample's class.
    ///   - weights: each sample's weight (default 1).
    ///   - l2: the penalty λ, at least 0.
    ///   - maxIterations: Newton steps allowed.
    ///   - tolerance: stop when no parameter moves by more than this.
    /// - Throws: `ScreenCalibrationError` when a step's system is singular or the iteration
    ///   does not converge.
    /// - Complexity: O(*n* *p*² + *p*³) per step.
    static func fit(
        _ rows: [[Double]], labels: [Bool], weights: [Double]? = nil, l2: Double, maxIterations: Int = 100, tolerance: Double = 1e-10
    ) throws -> LogisticRegression {
        precondition(rows.count == labels.count && l2 >= 0)
        let p = rows.first?.count ?? 0
        let weights = weights ?? [Double](repeating: 1, count: rows.count)
        var beta = [Double](repeating: 0, count: p + 1)  // β₀ first
        func eta(_ row: [Double], _ beta: [Double]) -> Double {
            var sum = beta[0]
            for j in 0..<p { sum += beta[j + 1] * row[j] }
            return sum
        }
        func objective(_ beta: [Double]) -> Double {
            var total = 0.0
            for (i, row) in rows.enumerated() {
                let z = eta(row, beta)
                let softplus = z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))
                total += weights[i] * (softplus - (labels[i] ? z : 0))
            }
            for j in beta.indices.dropFirst() { total += l2 / 2 * beta[j] * beta[j] }
            return total
        }
        var current = objective(beta)
        for iteration in 1...maxIterations {
            var gradient = [Double](repeating: 0, count: p + 1)
            var hessian = [[Double]](repeating: [Double](repeating: 0, count: p + 1), count: p + 1)
            for (i, row) in rows.enumerated() {
                let probability = ScreenModel.probability(eta(row, beta))
                let residual = weights[i] * (probability - (labels[i] ? 1 : 0))
                let curvature = weights[i] * probability * (1 - probability)
                var x = [1.0]
                x.append(contentsOf: row)
                for a in 0...p {
                    gradient[a] += residual * x[a]
                    for b in 0...a { hessian[a][b] += curvature * x[a] * x[b] }
                }
            }
            for j in 1..<(p + 1) {
                gradient[j] += l2 * beta[j]
                hessian[j][j] += l2
            }
            for a in 0...p { for b in 0..<a { hessian[b][a] = hessian[a][b] } }
            guard let step = Self.solve(hessian, gradient) else {
                throw ScreenCalibrationError(
                    "the logistic regression's system is singular (a feature that never varies, or separable classes with no penalty): raise --l2"
                )
            }
            var scale = 1.0
            var candidate = beta
            var value = current
            for _ in 0..<40 {
                candidate = zip(beta, step).map { $0 - scale * $1 }
                value = objective(candidate)
                if value <= current { break }
                scale /= 2
            }
            let moved = zip(beta, candidate).map { abs($0 - $1) }.max() ?? 0
            beta = candidate
            current = value
            if moved <= tolerance {
                return LogisticRegression(intercept: beta[0], coefficients: Array(beta.dropFirst()), iterations: iteration)
            }
        }
        throw ScreenCalibrationError("the logistic regression did not converge in \(maxIterations) Newton steps: raise --l2")
    }

    /// Solves `matrix · x = vector` for a symmetric positive-definite matrix by Cholesky
    /// factorisation; nil when the matrix is not positive definite.
    static func solve(_ matrix: [[Double]], _ vector: [Double]) -> [Double]? {
        let n = vector.count
        var lower = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in 0...i {
                var sum = matrix[i][j]
                for k in 0..<j { sum -= lower[i][k] * lower[j][k] }
                if i == j {
                    guard sum > 1e-12 * max(1, abs(matrix[i][i])) else { return nil }
                    lower[i][i] = sum.squareRoot()
                } else {
                    lower[i][j] = sum / lower[j][j]
                }
            }
        }
        var y = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var sum = vector[i]
            for k in 0..<i { sum -= lower[i][k] * y[k] }
            y[i] = sum / lower[i][i]
        }
        var x = [Double](repeating: 0, count: n)
        for i in stride(from: n - 1, through: 0, by: -1) {
            var sum = y[i]
            for k in (i + 1)..<n { sum -= lower[k][i] * x[k] }
            x[i] = sum / lower[i][i]
        }
        return x
    }
}
