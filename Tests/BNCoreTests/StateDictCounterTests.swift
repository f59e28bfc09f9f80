import BNCore
import Testing

/// A loaded `num_batches_tracked` is checked before the layer counts on from it: one I64 integer
/// in 0 … 2^53, or a clear error and nothing loaded.
@Suite("Loaded counters")
struct StateDictCounterTests {
    /// Linear(4, 3), BatchNorm1d(3) with a cumulative average, and its state dict.
    func network() -> (Sequential, StateDict) {
        let net = Sequential([Linear(4, 3, rng: RandomSource(seed: 5)), BatchNorm1d(3, momentum: nil)])
        return (net, net.stateDict())
    }

    /// `state` with `1.num_batches_tracked` set to `value`.
    func withCounter(_ state: StateDict, _ value: StateValue) -> StateDict {
        state.map { $0.key == "1.num_batches_tracked" ? ($0.key, value) : $0 }
    }

    @Test("a negative or huge num_batches_tracked is refused, naming the key and value, and nothing is loaded",
          arguments: [-1, .min, (1 << 53) + 1, .max] as [Int64])
    func outOfRange(value: Int64) throws {
        let (net, state) = network()
        var changed = withCounter(state, .integer(value))
        changed[0].value = .tensor(Tensor(repeating: 7, shape: [3, 4]))
        let error = try #require(throws: StateDictError.self) { try net.loadStateDict(changed) }
        #expect(error.invalid == ["1.num_batches_tracked: \(value) is outside 0 … 2^53 (it counts batches)"])
        #expect(error.description.contains("invalid value for 1.num_batches_tracked: \(value) is outside 0 … 2^53"))
        #expect(net.stateDict().map(\.value) == state.map(\.value), "nothing loaded")
        net.train()
        _ = try net.forward(Tensor(shape: [2, 4], data: [1, 2, 3, 4, 4, 3, 2, 1]))   // counts on from 0
        #expect(net.stateDict().last?.value == .integer(1))
    }

    @Test("a counter stored as a tensor (F32, or several values) is refused instead of converted")
    func tensorCounter() throws {
        let (net, state) = network()
        for tensor in [Tensor(shape: [], data: [.nan]), Tensor(shape: [], data: [1e30]), Tensor(shape: [1], data: [3])] {
            let error = try #require(throws: StateDictError.self) { try net.loadStateDict(withCounter(state, .tensor(tensor))) }
            #expect(error.invalid == ["1.num_batches_tracked: a float (F32) tensor, where a counter needs one I64 integer"])
        }
        let two = try #require(throws: StateDictError.self) {
            try net.loadStateDict(withCounter(state, .tensor(Tensor(shape: [2], data: [1, 2]))))
        }
        #expect(two.mismatched == ["1.num_batches_tracked: expected one I64 integer, got a tensor of shape torch.Size([2])"])
    }

    @Test("2^53 loads, and training counts on from it")
    func largestCount() throws {
        let (net, state) = network()
        try net.loadStateDict(withCounter(state, .integer(Counter.maxLoaded)))
        net.train()
        _ = try net.forward(Tensor(shape: [2, 4], data: [1, 2, 3, 4, 4, 3, 2, 1]))
        #expect(net.stateDict().last?.value == .integer(Counter.maxLoaded + 1))
    }

    @Test("an I64 counter of shape [1] loads, as PyTorch loads it into its 0-d buffer")
    func oneElementCounter() throws {
        let (net, state) = network()
        var file = SafeTensorsFile(stateDict: state)
        let index = try #require(file.tensors.firstIndex { $0.name == "1.num_batches_tracked" })
        file.tensors[index].value = .i64(shape: [1], [5])
        try net.loadStateDict(try SafeTensorsFile(decoding: file.encoded()).stateDict())
        #expect(net.stateDict().last?.value == .integer(5))
    }
}
