import BNCore
import Testing
@testable import BNData

@Suite("Transforms")
struct TransformTests {
    /// 0, 1, …, 26 shaped 3×3×3, as `torch.arange(27.).reshape(3, 3, 3)`.
    let arange27 = Tensor(shape: [3, 3, 3], data: (0..<27).map(Float.init))

    @Test("ToTensor maps a byte to byte / 255: 3 → 0.0118")
    func toTensorValue() throws {
        let tensor = try ToTensor()([3], height: 1, width: 1)
        #expect(tensor.shape == [1, 1, 1])
        #expect(abs(tensor.data[0] - 0.0118) < 0.00005)
        #expect(tensor.data[0] == Float(3) / 255)
        #expect(ToTensor.value(0) == 0 && ToTensor.value(255) == 1)
    }

    @Test("ToTensor turns H×W×C into C×H×W")
    func toTensorLayout() throws {
        // 2×2 image, 3 channels, channel last: pixel (y, x) has bytes (10y+x, 100+10y+x, 200+10y+x).
        var pixels: [UInt8] = []
        for y in 0..<2 { for x in 0..<2 { pixels += [UInt8(10 * y + x), UInt8(100 + 10 * y + x), UInt8(200 + 10 * y + x)] } }
        let tensor = try ToTensor()(pixels, height: 2, width: 2, channels: 3)
        #expect(tensor.shape == [3, 2, 2])
        #expect(tensor[0, 1, 0] == Float(10) / 255)
        #expect(tensor[1, 0, 1] == Float(101) / 255)
        #expect(tensor[2, 1, 1] == Float(211) / 255)
    }

    @Test("ToTensor refuses a byte count that does not match the size")
    func toTensorSizes() {
        #expect(throws: DataError.self) { try ToTensor()([1, 2, 3], height: 2, width: 2) }
    }

    @Test("Normalize with scalar mean 1, std 0.5 on arange(27): -2, 0, 2, …, 50")
    func normalizeScalar() throws {
        let out = try Normalize(mean: 1, std: 0.5)(arange27)
        #expect(out.shape == [3, 3, 3])
        let expected: [Float] = (0..<27).map { (i: Int) -> Float in Float(2 * i - 2) }
        #expect(out.data == expected)
        #expect(out.data.first == -2 && out.data.last == 50)
    }

    @Test("Normalize per channel, mean (1,2,3), std (1,2,1): -1…7, 3.5…7.5, 15…23")
    func normalizePerChannel() throws {
        let out = try Normalize(mean: [1, 2, 3], std: [1, 2, 1])(arange27)
        #expect(Array(out.data[0..<9]) == (-1...7).map(Float.init))
        let middle: [Float] = Array(stride(from: Float(3.5), through: 7.5, by: 0.5))
        #expect(Array(out.data[9..<18]) == middle)
        #expect(Array(out.data[18..<27]) == (15...23).map(Float.init))
    }

    @Test("Normalize applies per channel on a batch (N, C, H, W)")
    func normalizeBatch() throws {
        let batch = Tensor(shape: [2, 3, 3, 3], data: arange27.data + arange27.data)
        let out = try Normalize(mean: [1, 2, 3], std: [1, 2, 1])(batch)
        let first: [Float] = (-1...7).map(Float.init), third: [Float] = (15...23).map(Float.init)
        #expect(Array(out.data[27..<36]) == first)
        #expect(Array(out.data[45..<54]) == third)
    }

    @Test("Normalize refuses a zero std and a channel count that does not fit")
    func normalizeErrors() throws {
        #expect(throws: DataError.self) { try Normalize(mean: 0, std: 0) }
        #expect(throws: DataError.self) { try Normalize(mean: [0, 0], std: [1, 1])(arange27) }
        #expect(throws: DataError.self) { try Normalize(mean: 0, std: 1)(Tensor(zeros: [3, 3])) }
    }

    @Test("the lookup table equals ToTensor then Normalize, bit for bit")
    func lookupTable() throws {
        let normalize = try Normalize(mean: [0.2860, 0.5], std: [0.3530, 0.25])
        let table = try normalize.lookupTable(channels: 2)
        #expect(table.count == 512)
        for v in 0..<256 {
            #expect(table[v] == (Float(v) / 255 - 0.2860) / 0.3530)
            #expect(table[256 + v] == (Float(v) / 255 - 0.5) / 0.25)
        }
    }
}
