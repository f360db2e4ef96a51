package frame

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"sort"
	"unsafe"

	"github.com/cespare/xxhash/v2"
)

// FormatVersion is the version of the frame layout and of every verb's
// semantics that the cache keys include: bump it when a reader or a verb
// changes what it produces, and every cached frame becomes unreachable.
const FormatVersion = "econb-frame-1"

// Key is the lineage key of a frame: a hash of where its data came from
// (the bytes of the file read and the reader's options) and of every verb
// applied since, with its arguments. Two frames with the same key hold the
// same data, so a Cache can store and load frames by key. The zero Key
// means "unknown lineage" (a frame built by hand): it is never cached.
type Key struct{ h [32]byte }

// IsZero reports whether the key is unknown.
func (k Key) IsZero() bool { return k == Key{} }

// String returns the key in hex ("" for the zero key).
func (k Key) String() string {
	if k.IsZero() {
		return ""
	}
	return hex.EncodeToString(k.h[:])
}

// parseKey reads a key written by Key.String.
func parseKey(s string) (Key, bool) {
	var k Key
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != len(k.h) {
		return k, false
	}
	copy(k.h[:], b)
	return k, true
}

// SourceKey is the key of data read by reader (e.g. "csv") from bytes whose
// hash (xxhash64) and length are given, with the reader's options as text.
func SourceKey(reader string, hash uint64, size int64, options string) Key {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%016x\x00%d\x00%s", FormatVersion, reader, hash, size, options)
	var k Key
	h.Sum(k.h[:0])
	return k
}

// Extend returns the key of the frame that verb (with args) makes from a
// frame with key k; the zero key extends to the zero key. Arguments are
// encoded deterministically (maps by sorted key, floats by their bits).
func (k Key) Extend(verb string, args ...any) Key {
	if k.IsZero() {
		return k
	}
	h := sha256.New()
	h.Write(k.h[:])
	var buf []byte
	buf = appendArg(buf, verb)
	for _, a := range args {
		buf = appendArg(buf, a)
	}
	h.Write(buf)
	var out Key
	h.Sum(out.h[:0])
	return out
}

// Combine is the key of a frame made from two (merge, append).
func (k Key) Combine(verb string, other Key, args ...any) Key {
	if k.IsZero() || other.IsZero() {
		return Key{}
	}
	return k.Extend(verb, append([]any{other.h[:]}, args...)...)
}

// appendArg encodes one verb argument with a type tag and its length;
// slices of numbers and masks by their length and xxhash64 (a 2-million-row
// argument costs about a millisecond).
func appendArg(b []byte, a any) []byte {
	switch v := a.(type) {
	case nil:
		return append(b, 'z')
	case string:
		b = append(b, 's')
		b = binary.AppendUvarint(b, uint64(len(v)))
		return append(b, v...)
	case []byte:
		b = append(b, 'y')
		b = binary.AppendUvarint(b, uint64(len(v)))
		return append(b, v...)
	case bool:
		if v {
			return append(b, 't')
		}
		return append(b, 'f')
	case int:
		return binary.AppendVarint(append(b, 'i'), int64(v))
	case int64:
		return binary.AppendVarint(append(b, 'i'), v)
	case float64:
		return binary.LittleEndian.AppendUint64(append(b, 'd'), math.Float64bits(v))
	case []string:
		b = binary.AppendUvarint(append(b, 'S'), uint64(len(v)))
		for _, s := range v {
			b = appendArg(b, s)
		}
		return b
	case []float64:
		b = binary.AppendUvarint(append(b, 'D'), uint64(len(v)))
		return binary.LittleEndian.AppendUint64(b, hashBytes(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(v))), 8*len(v))))
	case []bool:
		b = binary.AppendUvarint(append(b, 'B'), uint64(len(v)))
		return binary.LittleEndian.AppendUint64(b, xxhash.Sum64(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(v))), len(v))))
	case []int32:
		b = binary.AppendUvarint(append(b, 'I'), uint64(len(v)))
		return binary.LittleEndian.AppendUint64(b, xxhash.Sum64(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(v))), 4*len(v))))
	case map[string]string:
		ks := make([]string, 0, len(v))
		for s := range v {
			ks = append(ks, s)
		}
		sort.Strings(ks)
		b = binary.AppendUvarint(append(b, 'M'), uint64(len(v)))
		for _, s := range ks {
			b = appendArg(appendArg(b, s), v[s])
		}
		return b
	case fmt.Stringer:
		return appendArg(append(b, 'x'), v.String())
	}
	return appendArg(append(b, '?'), fmt.Sprintf("%T:%#v", a, a))
}

// Key returns the frame's lineage key (zero when unknown).
func (f *Frame) Key() Key { return f.key }

// fingerprint hashes a column's values (xxhash64 over its storage).
func fingerprint(c *Column) uint64 {
	h := xxhash.New()
	switch c.kind {
	case Float:
		h.Write(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(c.f))), 8*len(c.f)))
	case Int:
		h.Write(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(c.i))), 8*len(c.i)))
		h.Write(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(c.valid))), 8*len(c.valid)))
	case String:
		h.Write(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(c.codes))), 4*len(c.codes)))
		for _, s := range c.dict {
			h.WriteString(s)
			h.Write([]byte{0})
		}
	}
	return h.Sum64()
}

// hashChunk is the chunk size of hashBytes: fixed, so a hash does not
// depend on the number of cores.
const hashChunk = 1 << 20

// hashBytes is xxhash64 of b for small inputs and, beyond one chunk, the
// xxhash64 of the chunks' xxhash64 digests, computed in parallel.
func hashBytes(b []byte) uint64 {
	if len(b) <= hashChunk {
		return xxhash.Sum64(b)
	}
	n := (len(b) + hashChunk - 1) / hashChunk
	digests := make([]byte, 8*n)
	parallelFor(n, func(k int) {
		lo, hi := k*hashChunk, min((k+1)*hashChunk, len(b))
		binary.LittleEndian.PutUint64(digests[8*k:], xxhash.Sum64(b[lo:hi]))
	})
	return xxhash.Sum64(digests)
}
