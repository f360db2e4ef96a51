// Package detrand provides counter-based, bit-reproducible random numbers:
// every draw is a pure function of (seed, stream, counter), so a data set
// does not depend on the order of generation and has no global state.
//
// It is the algorithm of the project's benchmark kit (bench/detrand.py and
// its Go port bench/go/detrand), reproduced here because library code
// cannot import the benchmark module:
//
//	mix64(z)            = z^=z>>30; z*=0xBF58476D1CE4E5B9; z^=z>>27; z*=0x94D049BB133111EB; z^=z>>31
//	Key(seed, stream)   = mix64(seed*0x9E3779B97F4A7C15 + stream*0xD1B54A32D192ED03)
//	Bits(key, c)        = mix64(key + (c+1)*0x9E3779B97F4A7C15)
//	Unif(key, c)        = float64(Bits>>11) * 2^-53                   in [0, 1)
//	Norm(key, c)        = Unif(12c) + ... + Unif(12c+11) - 6          (Irwin-Hall, summed left to right)
//
// (SplitMix64's finaliser; Steele, Lea & Flood 2014.) Norm uses no
// transcendental function, so it is identical on every platform.
package detrand

const (
	gold    uint64 = 0x9E3779B97F4A7C15
	c1      uint64 = 0xBF58476D1CE4E5B9
	c2      uint64 = 0x94D049BB133111EB
	streamK uint64 = 0xD1B54A32D192ED03
)

func mix64(z uint64) uint64 {
	z ^= z >> 30
	z *= c1
	z ^= z >> 27
	z *= c2
	z ^= z >> 31
	return z
}

// Key returns the key of a stream; hoist it out of loops.
func Key(seed, stream uint64) uint64 { return mix64(seed*gold + stream*streamK) }

// Bits returns the 64 random bits of counter ctr of a stream key.
func Bits(key, ctr uint64) uint64 { return mix64(key + (ctr+1)*gold) }

// Unif returns a uniform number in [0, 1) with 53 random bits.
func Unif(key, ctr uint64) float64 { return float64(Bits(key, ctr)>>11) * (1.0 / (1 << 53)) }

// Norm returns an approximately standard normal number (Irwin-Hall sum of
// twelve uniforms minus 6; support [-6, 6]).
func Norm(key, ctr uint64) float64 {
	acc := Unif(key, 12*ctr)
	for k := uint64(1); k < 12; k++ {
		acc += Unif(key, 12*ctr+k)
	}
	return acc - 6
}

// Stream is a stream key with methods, for readability at call sites.
type Stream uint64

// NewStream returns the stream of (seed, stream).
func NewStream(seed, stream uint64) Stream { return Stream(Key(seed, stream)) }

// Unif returns Unif(key, ctr).
func (s Stream) Unif(ctr uint64) float64 { return Unif(uint64(s), ctr) }

// Norm returns Norm(key, ctr).
func (s Stream) Norm(ctr uint64) float64 { return Norm(uint64(s), ctr) }
