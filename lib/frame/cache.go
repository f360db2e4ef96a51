package frame

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"unsafe"

	"github.com/cespare/xxhash/v2"
)

// Cache stores frames by their lineage key (Key) in a directory, so that a
// notebook that re-runs every cell (GoNB does) loads an intermediate frame
// instead of recomputing it. It can never serve stale data: a key hashes
// the input file's bytes (xxhash64) with the reader and its options,
// FormatVersion (bumped when a reader or verb changes its output), and
// every verb applied since with its arguments (a column or mask argument
// by its xxhash64). A frame with an unknown lineage (built by hand) has
// the zero key and is never cached.
//
// Frames are stored in a columnar binary file per key (<key>.frame: a
// JSON header, then each column's raw little-endian values), which loads
// at memory speed; see the package's speed notes for the comparison with
// Parquet. Files are written to a temporary name and renamed, so readers
// never see half a file.
//
//	c, _ := frame.OpenCache("")                      // $ECONB_HOME/cache
//	f, _ := c.ReadCSV("data/panel.csv", frame.CSVOptions{})
//	g, _ := c.Memo(f.Key().Extend("egen xm = mean(x), by(id)"), func() (*frame.Frame, error) {
//		return f.Egen("xm", "mean", "x", "id")
//	})
type Cache struct {
	Dir string
}

// OpenCache opens (creating it) the cache directory dir; "" means
// $ECONB_HOME/cache, else the user cache directory's econb/frames.
func OpenCache(dir string) (*Cache, error) {
	if dir == "" {
		if h := os.Getenv("ECONB_HOME"); h != "" {
			dir = filepath.Join(h, "cache")
		} else if uc, err := os.UserCacheDir(); err == nil {
			dir = filepath.Join(uc, "econb", "frames")
		} else {
			dir = filepath.Join(os.TempDir(), "econb-frames")
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("frame: cache: %w", err)
	}
	return &Cache{Dir: dir}, nil
}

func (c *Cache) path(k Key) string { return filepath.Join(c.Dir, k.String()+".frame") }

// Get loads the frame stored under k; false when there is none.
func (c *Cache) Get(k Key) (*Frame, bool, error) {
	if k.IsZero() {
		return nil, false, nil
	}
	fh, err := os.Open(c.path(k))
	if errors.Is(err, os.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("frame: cache: %w", err)
	}
	defer fh.Close()
	f, err := readFrameFile(bufio.NewReaderSize(fh, 1<<20))
	if err != nil {
		return nil, false, fmt.Errorf("frame: cache entry %s: %w", k, err)
	}
	if f.key != k {
		return nil, false, nil
	}
	return f, true, nil
}

// Put stores f under its key (nothing for the zero key).
func (c *Cache) Put(f *Frame) error {
	if f.key.IsZero() {
		return nil
	}
	tmp, err := os.CreateTemp(c.Dir, "tmp-*.frame")
	if err != nil {
		return fmt.Errorf("frame: cache: %w", err)
	}
	bw := bufio.NewWriterSize(tmp, 1<<20)
	err = writeFrameFile(bw, f)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), c.path(f.key))
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("frame: cache: %w", err)
	}
	return nil
}

// Memo returns the frame stored under k, or computes it, stores it under
// k and returns it. The frame returned carries k as its key either way, so
// keys chained from it agree between a first run and a cached one. Build k
// with Extend from the input frame's key, naming the step and every
// argument that changes its result:
//
//	k := f.Key().Extend("egen xm = mean(x), by(id)")
//	g, err := c.Memo(k, func() (*frame.Frame, error) { return f.Egen("xm", "mean", "x", "id") })
func (c *Cache) Memo(k Key, compute func() (*Frame, error)) (*Frame, error) {
	if f, ok, err := c.Get(k); err == nil && ok {
		return f, nil
	}
	f, err := compute()
	if err != nil {
		return nil, err
	}
	g := *f
	g.key = k
	if err := c.Put(&g); err != nil {
		return &g, err
	}
	return &g, nil
}

// FileKey is the key ReadCSVWith gives the file at path read with opt:
// computing it reads and hashes the file, not parses it.
func FileKey(path string, opt CSVOptions) (Key, error) {
	fh, err := os.Open(path)
	if err != nil {
		return Key{}, fmt.Errorf("frame: %w", err)
	}
	defer fh.Close()
	d := xxhash.New()
	n, err := io.CopyBuffer(d, fh, make([]byte, 4<<20)) // large reads: few system calls
	if err != nil {
		return Key{}, fmt.Errorf("frame: %w", err)
	}
	return SourceKey("csv", d.Sum64(), n, fmt.Sprintf("%+v", opt)), nil
}

// ReadCSV is ReadCSVWith through the cache: the file is hashed, and parsed
// only when no frame is stored under its key.
func (c *Cache) ReadCSV(path string, opt CSVOptions) (*Frame, error) {
	k, err := FileKey(path, opt)
	if err != nil {
		return nil, err
	}
	return c.Memo(k, func() (*Frame, error) {
		f, _, err := ReadCSVWith(path, opt)
		return f, err
	})
}

// The cache file: "ECONBFRM", a uint32 header length, the JSON header,
// then each column's storage, little-endian.
const frameMagic = "ECONBFRM"

type frameHeader struct {
	Version string     `json:"version"`
	N       int        `json:"n"`
	Key     string     `json:"key"`
	Panel   *Panel     `json:"panel,omitempty"`
	Notes   []string   `json:"notes,omitempty"`
	Columns []frameCol `json:"columns"`
}

type frameCol struct {
	parquetCol
	Valid bool `json:"valid,omitempty"` // an Int column's bitmap follows
	Dict  int  `json:"dict,omitempty"`  // a String column's dictionary size
}

func rawBytes[T any](s []T) []byte {
	var z T
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), len(s)*int(unsafe.Sizeof(z)))
}

func writeFrameFile(w io.Writer, f *Frame) error {
	if !isLittleEndian() {
		return errors.New("the frame cache needs a little-endian machine")
	}
	h := frameHeader{Version: FormatVersion, N: f.n, Key: f.key.String(), Panel: f.panel, Notes: f.notes}
	for _, c := range f.cols {
		fc := frameCol{parquetCol: parquetCol{Name: c.name, Kind: c.kind.String(), Label: c.label, VLab: c.vlab, VLabName: c.vlabName}}
		fc.Valid = c.kind == Int && c.valid != nil
		fc.Dict = len(c.dict)
		h.Columns = append(h.Columns, fc)
	}
	hj, err := json.Marshal(h)
	if err != nil {
		return err
	}
	w.Write([]byte(frameMagic))
	w.Write(binary.LittleEndian.AppendUint32(nil, uint32(len(hj))))
	w.Write(hj)
	for _, c := range f.cols {
		var err error
		switch c.kind {
		case Float:
			_, err = w.Write(rawBytes(c.f))
		case Int:
			if _, err = w.Write(rawBytes(c.i)); err == nil && c.valid != nil {
				_, err = w.Write(rawBytes(c.valid))
			}
		case String:
			if _, err = w.Write(rawBytes(c.codes)); err == nil {
				for _, s := range c.dict {
					w.Write(binary.LittleEndian.AppendUint32(nil, uint32(len(s))))
					if _, err = io.WriteString(w, s); err != nil {
						break
					}
				}
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func readFrameFile(r io.Reader) (*Frame, error) {
	var pre [12]byte
	if _, err := io.ReadFull(r, pre[:]); err != nil || string(pre[:8]) != frameMagic {
		return nil, errors.New("not a frame file")
	}
	hj := make([]byte, binary.LittleEndian.Uint32(pre[8:]))
	if _, err := io.ReadFull(r, hj); err != nil {
		return nil, err
	}
	var h frameHeader
	if err := json.Unmarshal(hj, &h); err != nil {
		return nil, err
	}
	if h.Version != FormatVersion {
		return nil, fmt.Errorf("written by format %s, this is %s", h.Version, FormatVersion)
	}
	f := New(h.N)
	n := h.N
	for _, fc := range h.Columns {
		c := &Column{name: fc.Name, label: fc.Label, data: &data{n: n, vlab: fc.VLab, vlabName: fc.VLabName}}
		var err error
		switch fc.Kind {
		case "float64":
			c.kind, c.f = Float, make([]float64, n)
			_, err = io.ReadFull(r, rawBytes(c.f))
		case "int64":
			c.kind, c.i = Int, make([]int64, n)
			_, err = io.ReadFull(r, rawBytes(c.i))
			if err == nil && fc.Valid {
				c.valid = newBitmap(n)
				_, err = io.ReadFull(r, rawBytes(c.valid))
			}
		case "str":
			c.kind, c.codes = String, make([]int32, n)
			_, err = io.ReadFull(r, rawBytes(c.codes))
			c.dict = make([]string, fc.Dict)
			var lb [4]byte
			for k := range c.dict {
				if _, err = io.ReadFull(r, lb[:]); err != nil {
					break
				}
				s := make([]byte, binary.LittleEndian.Uint32(lb[:]))
				if _, err = io.ReadFull(r, s); err != nil {
					break
				}
				c.dict[k] = string(s)
			}
		default:
			err = fmt.Errorf("unknown column kind %q", fc.Kind)
		}
		if err != nil {
			return nil, err
		}
		if err := f.AddColumn(c); err != nil {
			return nil, err
		}
	}
	f.panel, f.notes = h.Panel, h.Notes
	k, ok := parseKey(h.Key)
	if !ok {
		return nil, errors.New("bad key")
	}
	f.key = k
	return f, nil
}

func isLittleEndian() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}
