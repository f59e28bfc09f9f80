import Testing
@testable import BNCore

/// Xavier and Kaiming initialization: PyTorch's gains, fans and standard deviations, the drawn
/// values' range and spread, determinism by seed, the scale factor, and PyTorch's errors.
@Suite("Weight initialization")
struct InitTests {
    private func stats(_ t: Tensor) -> (mean: Double, std: Double) {
        let v = t.data.map(Double.init), n = Double(v.count), mean = v.reduce(0, +) / n
        return (mean, (v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot())
    }

    @Test func gainsAndFans() throws {
        #expect(try calculateGain(nonlinearity: "linear") == 1)
        #expect(try calculateGain(nonlinearity: "conv2d") == 1)
        #expect(try calculateGain(nonlinearity: "tanh") == 5.0 / 3)
        #expect(try calculateGain(nonlinearity: "relu") == 2.0.squareRoot())
        #expect(try calculateGain(nonlinearity: "leaky_relu") == (2 / 1.0001).squareRoot())
        #expect(try calculateGain(nonlinearity: "leaky_relu", param: 1) == 1)
        #expect(try calculateGain(nonlinearity: "selu") == 0.75)
        #expect(throws: CoreError.value("Unsupported nonlinearity gelu")) { try calculateGain(nonlinearity: "gelu") }
        let fans = try calculateFanInAndFanOut(shape: [8, 3, 3, 3])
        #expect(fans.fanIn == 27 && fans.fanOut == 72)
        #expect(throws: CoreError.value("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions")) {
            try calculateFanInAndFanOut(shape: [5])
        }
    }

    @Test func standardDeviations() throws {
        #expect(try xavierStd(shape: [30, 20]) == (2.0 / 50).squareRoot())
        // gain / √fan, in PyTorch's order of operations
        #expect(try kaimingStd(shape: [30, 20], nonlinearity: "relu") == 2.0.squareRoot() / 20.0.squareRoot())
        #expect(try kaimingStd(shape: [30, 20], mode: "FAN_OUT", nonlinearity: "relu") == 2.0.squareRoot() / 30.0.squareRoot())
        // PyTorch's default Linear init: kaiming_uniform with a = √5 gives the bound 1/√fan_in
        let bound = 3.0.squareRoot() * (try kaimingStd(shape: [30, 20], a: 5.0.squareRoot()))
        #expect(abs(bound - 1 / 20.0.squareRoot()) < 1e-15)
        #expect(throws: CoreError.value("Mode fan_avg not supported, please use one of ['fan_in', 'fan_out']")) {
            try kaimingStd(shape: [3, 3], mode: "fan_avg")
        }
        #expect(throws: CoreError(.zeroDivisionError, "float division by zero")) { try xavierStd(shape: [0, 0]) }
    }

    @Test func uniformDrawsStayInsideTheBoundWithTheRightSpread() throws {
        let p = Parameter(Tensor(zeros: [200, 100]))
        try kaimingUniform(p, nonlinearity: "relu", rng: RandomSource(seed: 3))
        let std = (2.0 / 100).squareRoot(), bound = 3.0.squareRoot() * std
        #expect(p.value.data.allSatisfy { abs(Double($0)) <= bound })
        #expect(p.value.data.contains { abs(Double($0)) > 0.99 * bound })
        let s = stats(p.value)
        #expect(abs(s.mean) < 6 * std / 20_000.0.squareRoot())
        #expect(abs(s.std - std) < 6 * std / 40_000.0.squareRoot())
    }

    @Test func normalDrawsHaveTheRightSpread() throws {
        let p = Parameter(Tensor(zeros: [100, 16, 3, 3]))
        try xavierNormal(p, gain: 2, rng: RandomSource(seed: 5))
        let std = 2 * (2.0 / Double(16 * 9 + 100 * 9)).squareRoot()
        let s = stats(p.value), n = 14_400.0
        #expect(abs(s.mean) < 6 * std / n.squareRoot())
        #expect(abs(s.std - std) < 6 * std / (2 * n).squareRoot())
    }

    @Test func sameSeedSameValuesAndTheScaleMultiplies() throws {
        let a = Parameter(Tensor(zeros: [4, 5])), b = Parameter(Tensor(zeros: [4, 5])), c = Parameter(Tensor(zeros: [4, 5]))
        try xavierUniform(a, rng: RandomSource(seed: 9))
        try xavierUniform(b, rng: RandomSource(seed: 9))
        try xavierUniform(c, scale: 0.5, rng: RandomSource(seed: 9))
        #expect(a.value == b.value)
        #expect(zip(a.value.data, c.value.data).allSatisfy { $1 == $0 * 0.5 })
        try kaimingNormal(b, rng: RandomSource(seed: 10))
        #expect(a.value != b.value)
    }

    @Test func emptyWeightsAndBadArgumentsBehaveAsInPyTorch() throws {
        let empty = Parameter(Tensor(zeros: [0, 3]))
        try kaimingNormal(empty, mode: "nonsense", rng: RandomSource(seed: 1))   // a no-op before any check
        try xavierUniform(empty, rng: RandomSource(seed: 1))
        #expect(empty.value.count == 0)
        let bias = Parameter(Tensor(zeros: [4]))
        #expect(throws: CoreError.value("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions")) {
            try kaimingUniform(bias, rng: RandomSource(seed: 1))
        }
        #expect(throws: CoreError.value("Unsupported nonlinearity swish")) {
            try kaimingUniform(Parameter(Tensor(zeros: [2, 2])), nonlinearity: "swish", rng: RandomSource(seed: 1))
        }
        #expect(bias.value.data == [0, 0, 0, 0])
    }
}
