@testable import Audit
import Testing

/// The Newton–Raphson fit against the optimum of the same penalised likelihood found
/// independently: SciPy 1.17.1's BFGS (`scipy.optimize.minimize(method="BFGS",
/// options={"gtol": 1e-10})`, NumPy 2.4.6) on
/// Σ wᵢ [log(1 + e^ηᵢ) − yᵢηᵢ] + (λ/2)‖β‖², gradient below 1e-9 at the values below.
@Suite struct LogisticRegressionTests {
    static let x: [[Double]] = [[-2], [-1], [-0.5], [0], [0.5], [1], [2], [3]]
    static let y = [false, false, true, false, true, false, true, true]

    @Test func `overlapping classes`() throws {
        let fit = try LogisticRegression.fit(Self.x, labels: Self.y, l2: 1)
        #expect(abs(fit.intercept - -0.25215322) < 1e-7)
        #expect(abs(fit.coefficients[0] - 0.72469355) < 1e-7)
        #expect(fit.iterations < 20)
    }

    @Test func `weighted samples`() throws {
        let fit = try LogisticRegression.fit(Self.x, labels: Self.y, weights: [1, 1, 3, 1, 3, 1, 3, 3], l2: 1)
        #expect(abs(fit.intercept - 0.77104540) < 1e-7)
        #expect(abs(fit.coefficients[0] - 0.82007056) < 1e-7)
    }

    @Test func `separable classes stay finite under the penalty`() throws {
        let fit = try LogisticRegression.fit(
            [[0, 0], [1, 0], [0, 1], [2, 2], [3, 1], [2, 3]], labels: [false, false, false, true, true, true], l2: 0.5)
        #expect(abs(fit.intercept - -2.91788790) < 1e-7)
        #expect(abs(fit.coefficients[0] - 1.29377558) < 1e-7)
        #expect(abs(fit.coefficients[1] - 1.00350962) < 1e-7)
    }

    @Test func `separable classes without a penalty do not converge`() {
        #expect(throws: ScreenCalibrationError.self) {
            try LogisticRegression.fit([[0], [1], [2], [3]], labels: [false, false, true, true], l2: 0, maxIterations: 30)
        }
    }

    @Test func `Cholesky solve`() throws {
        let x = try #require(LogisticRegression.solve([[4, 2], [2, 3]], [2, 1]))
        #expect(abs(x[0] - 0.5) < 1e-12)
        #expect(abs(x[1] - 0) < 1e-12)
        #expect(LogisticRegression.solve([[1, 2], [2, 1]], [1, 1]) == nil)
    }
}
