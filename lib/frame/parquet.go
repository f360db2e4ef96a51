package frame

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/cespare/xxhash/v2"
	"github.com/parquet-go/parquet-go"

	"github.com/econb/econb/lib/internal/atomicfile"
)

// parquetMetaKey is the key-value metadata entry where WriteParquet keeps
// what Parquet's schema cannot: column order, labels, value labels, the
// panel and the lineage key.
const parquetMetaKey = "econb.frame"

type parquetMeta struct {
	Version string       `json:"version"`
	Columns []parquetCol `json:"columns"`
	Panel   *Panel       `json:"panel,omitempty"`
	Key     string       `json:"key,omitempty"`
	Notes   []string     `json:"notes,omitempty"`
}

type parquetCol struct {
	Name     string           `json:"name"`
	Kind     string           `json:"kind"`
	Label    string           `json:"label,omitempty"`
	VLab     map[int64]string `json:"vlab,omitempty"`
	VLabName string           `json:"vlab_name,omitempty"`
}

// WriteParquet writes the frame to a Parquet file: Float columns as
// optional DOUBLE, Int as optional INT64, String as optional BYTE_ARRAY
// (UTF-8), missing cells as nulls, Snappy-compressed, one row group.
// pandas, polars and R's arrow read it; ReadParquet restores the column
// order, labels, value labels and panel declaration from its metadata.
func (f *Frame) WriteParquet(path string) error { return writeFile(path, f.WriteParquetTo) }

// writeFile writes path through a buffer with write, atomically: a
// temporary file renamed over path once complete, so that an error never
// leaves path truncated or half-written (lib/internal/atomicfile).
func writeFile(path string, write func(io.Writer) error) error {
	if err := atomicfile.Write(path, 0o644, write); err != nil {
		return fmt.Errorf("frame: writing %s: %w", path, err)
	}
	return nil
}

// WriteParquetTo writes the frame as Parquet to w (see WriteParquet).
func (f *Frame) WriteParquetTo(w io.Writer) error {
	group := parquet.Group{}
	meta := parquetMeta{Version: FormatVersion, Panel: f.panel, Key: f.key.String()}
	for _, c := range f.cols {
		var node parquet.Node
		switch c.kind {
		case Float:
			node = parquet.Leaf(parquet.DoubleType)
		case Int:
			node = parquet.Leaf(parquet.Int64Type)
		case String:
			node = parquet.String()
		}
		group[c.name] = parquet.Optional(node)
		meta.Columns = append(meta.Columns, parquetCol{Name: c.name, Kind: c.kind.String(), Label: c.label, VLab: c.vlab, VLabName: c.vlabName})
	}
	schema := parquet.NewSchema("frame", group)
	mj, _ := json.Marshal(meta)
	pw := parquet.NewWriter(w, schema, parquet.Compression(&parquet.Snappy), parquet.KeyValueMetadata(parquetMetaKey, string(mj)))
	writers := pw.ColumnWriters()
	errs := make([]error, len(f.cols))
	parallelFor(len(f.cols), func(k int) {
		c := f.cols[k]
		leaf, _ := schema.Lookup(c.name)
		errs[k] = writeParquetColumn(writers[leaf.ColumnIndex], c, leaf.ColumnIndex)
	})
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return pw.Close()
}

func writeParquetColumn(cw *parquet.ColumnWriter, c *Column, ci int) error {
	const batch = 8192
	vals := make([]parquet.Value, 0, batch)
	null := parquet.NullValue().Level(0, 0, ci)
	for r := 0; r < c.n; r++ {
		var v parquet.Value
		switch {
		case c.IsMissing(r):
			v = null
		case c.kind == Float:
			v = parquet.DoubleValue(c.f[r]).Level(0, 1, ci)
		case c.kind == Int:
			v = parquet.Int64Value(c.i[r]).Level(0, 1, ci)
		default:
			v = parquet.ByteArrayValue([]byte(c.dict[c.codes[r]])).Level(0, 1, ci)
		}
		vals = append(vals, v)
		if len(vals) == batch {
			if _, err := cw.WriteRowValues(vals); err != nil {
				return fmt.Errorf("frame: writing column %s: %w", c.name, err)
			}
			vals = vals[:0]
		}
	}
	if len(vals) > 0 {
		if _, err := cw.WriteRowValues(vals); err != nil {
			return fmt.Errorf("frame: writing column %s: %w", c.name, err)
		}
	}
	return nil
}

// ReadParquet reads a Parquet file written by WriteParquet, pandas, polars
// or arrow: DOUBLE and FLOAT columns become Float, INT32/INT64/BOOLEAN Int,
// BYTE_ARRAY String, nulls missing (a NaN double is missing too). Nested
// and repeated columns are an error naming the column. The lineage key
// hashes the file's bytes.
func ReadParquet(path string) (*Frame, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("frame: %w", err)
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return nil, fmt.Errorf("frame: %w", err)
	}
	f, err := ReadParquetFrom(fh, st.Size())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}

// ReadParquetFrom reads Parquet from r of the given size (see ReadParquet).
func ReadParquetFrom(r io.ReaderAt, size int64) (*Frame, error) {
	pf, err := parquet.OpenFile(r, size, parquet.SkipBloomFilters(true), parquet.ReadBufferSize(4<<20))
	if err != nil {
		return nil, fmt.Errorf("frame: reading Parquet: %w", err)
	}
	var meta parquetMeta
	if s, ok := pf.Lookup(parquetMetaKey); ok {
		_ = json.Unmarshal([]byte(s), &meta)
	}
	schema := pf.Schema()
	n := int(pf.NumRows())
	names := schema.Columns()
	order := make([]string, 0, len(names))
	if len(meta.Columns) == len(names) {
		for _, c := range meta.Columns {
			order = append(order, c.Name)
		}
	} else {
		// Files from other writers: the order of their schema's fields.
		for _, fld := range schema.Fields() {
			order = append(order, fld.Name())
		}
	}
	cols := make([]*Column, len(order))
	errs := make([]error, len(order))
	parallelFor(len(order), func(k int) {
		leaf, ok := schema.Lookup(order[k])
		if !ok || leaf.MaxRepetitionLevel > 0 || !leaf.Node.Leaf() {
			errs[k] = &Error{Column: order[k], Err: ErrType, Msg: fmt.Sprintf("Parquet column %s is nested or repeated", order[k]),
				Hint: "flatten it before reading (one value per row)"}
			return
		}
		cols[k], errs[k] = readParquetColumn(pf, order[k], leaf, n)
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	f := New(n)
	for k, c := range cols {
		if len(meta.Columns) == len(cols) {
			m := meta.Columns[k]
			c.label, c.vlab, c.vlabName = m.Label, m.VLab, m.VLabName
		}
		if err := f.AddColumn(c); err != nil {
			return nil, err
		}
	}
	if meta.Panel != nil && f.Has(meta.Panel.Entity) && f.Has(meta.Panel.Time) {
		f.panel = meta.Panel
	}
	// A file written by WriteParquet carries the lineage key of the frame
	// it holds; other files get the hash of their bytes.
	if k, ok := parseKey(meta.Key); ok {
		f.key = k
		return f, nil
	}
	if fh, ok := r.(*os.File); ok {
		if h := hashFile(fh, size); h != 0 {
			f.key = SourceKey("parquet", h, size, "")
		}
	}
	return f, nil
}

// hashFile is xxhash64 of a file's bytes (0 on error).
func hashFile(fh *os.File, size int64) uint64 {
	d := xxhash.New()
	if _, err := io.Copy(d, io.NewSectionReader(fh, 0, size)); err != nil {
		return 0
	}
	return d.Sum64()
}

// readParquetColumn reads one leaf column across the row groups.
func readParquetColumn(pf *parquet.File, name string, leaf parquet.LeafColumn, n int) (*Column, error) {
	kind := leaf.Node.Type().Kind()
	var out *Column
	switch kind {
	case parquet.Double, parquet.Float:
		out = NewFloatColumn(name, make([]float64, 0, n))
	case parquet.Int32, parquet.Int64, parquet.Boolean:
		out = &Column{name: name, data: &data{kind: Int, i: make([]int64, 0, n)}}
	case parquet.ByteArray:
		out = newCodesColumn(name, make([]int32, 0, n), nil)
	default:
		return nil, &Error{Column: name, Err: ErrType, Msg: fmt.Sprintf("Parquet column %s has type %s, which frame does not read", name, kind)}
	}
	var valid []bool
	anyNull := false
	index := map[string]int32{}
	maxDef := byte(leaf.MaxDefinitionLevel)
	vbuf := make([]parquet.Value, 4096)
	for _, rg := range pf.RowGroups() {
		pages := rg.ColumnChunks()[leaf.ColumnIndex].Pages()
		for {
			p, err := pages.ReadPage()
			if err == io.EOF {
				break
			}
			if err != nil {
				pages.Close()
				return nil, fmt.Errorf("frame: reading Parquet column %s: %w", name, err)
			}
			// Fast path: plain pages, values as typed slices.
			if p.Dictionary() == nil && (kind == parquet.Double || kind == parquet.Int64 || kind == parquet.Int32 || kind == parquet.Float) {
				d := p.Data()
				defs := p.DefinitionLevels()
				nv := int(p.NumRows())
				nulls := p.NumNulls() > 0
				anyNull = anyNull || nulls
				switch kind {
				case parquet.Double:
					vals := d.Double()
					if !nulls {
						out.f = append(out.f, vals...)
						break
					}
					k := 0
					for i := range nv {
						if defs[i] == maxDef {
							out.f = append(out.f, vals[k])
							k++
						} else {
							out.f = append(out.f, nan)
						}
					}
				case parquet.Float:
					vals := d.Float()
					k := 0
					for i := range nv {
						if !nulls || defs[i] == maxDef {
							out.f = append(out.f, float64(vals[k]))
							k++
						} else {
							out.f = append(out.f, nan)
						}
					}
				default:
					var v64 []int64
					var v32 []int32
					if kind == parquet.Int64 {
						v64 = d.Int64()
					} else {
						v32 = d.Int32()
					}
					if !nulls && v64 != nil {
						out.i = append(out.i, v64...)
						for range nv {
							valid = append(valid, true)
						}
						break
					}
					k := 0
					for i := range nv {
						if !nulls || defs[i] == maxDef {
							if v64 != nil {
								out.i = append(out.i, v64[k])
							} else {
								out.i = append(out.i, int64(v32[k]))
							}
							k++
							valid = append(valid, true)
						} else {
							out.i = append(out.i, 0)
							valid = append(valid, false)
						}
					}
				}
				parquet.Release(p)
				continue
			}
			vr := p.Values()
			for {
				m, err := vr.ReadValues(vbuf)
				for _, v := range vbuf[:m] {
					isNull := v.IsNull()
					anyNull = anyNull || isNull
					switch out.kind {
					case Float:
						x := nan
						if !isNull {
							if kind == parquet.Float {
								x = float64(v.Float())
							} else {
								x = v.Double()
							}
						}
						out.f = append(out.f, x)
					case Int:
						var x int64
						if !isNull {
							switch kind {
							case parquet.Boolean:
								if v.Boolean() {
									x = 1
								}
							case parquet.Int32:
								x = int64(v.Int32())
							default:
								x = v.Int64()
							}
						}
						out.i = append(out.i, x)
						valid = append(valid, !isNull)
					case String:
						code := int32(-1)
						if !isNull {
							b := v.ByteArray()
							c, ok := index[string(b)]
							if !ok {
								c = int32(len(out.dict))
								s := string(b)
								index[s] = c
								out.dict = append(out.dict, s)
							}
							code = c
						}
						out.codes = append(out.codes, code)
					}
				}
				if err == io.EOF {
					break
				}
				if err != nil {
					pages.Close()
					return nil, fmt.Errorf("frame: reading Parquet column %s: %w", name, err)
				}
			}
			parquet.Release(p)
		}
		pages.Close()
	}
	switch out.kind {
	case Float:
		out.n = len(out.f)
	case Int:
		out.n = len(out.i)
		if anyNull {
			bm := newBitmap(out.n)
			for r, ok := range valid {
				if ok {
					bm.set(r)
				}
			}
			out.valid = bm
		}
	case String:
		out.n = len(out.codes)
	}
	if out.n != n {
		return nil, fmt.Errorf("frame: Parquet column %s has %d values for %d rows", name, out.n, n)
	}
	return out, nil
}
