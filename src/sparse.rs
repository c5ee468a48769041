//! Compressed sparse row matrix: TF-IDF features are >99% zeros, so training
//! and prediction touch only the stored entries.

use ndarray::Array2;

/// One sparse row: column indices in increasing order, with their values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseRow {
    pub indices: Vec<u32>,
    pub values: Vec<f32>,
}

impl SparseRow {
    pub fn iter(&self) -> impl Iterator<Item = (usize, f32)> + '_ {
        self.indices.iter().map(|&i| i as usize).zip(self.values.iter().copied())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CsrMatrix {
    n_cols: usize,
    indptr: Vec<usize>,
    indices: Vec<u32>,
    values: Vec<f32>,
}

impl CsrMatrix {
    pub fn from_rows(rows: &[SparseRow], n_cols: usize) -> Self {
        let nnz = rows.iter().map(|r| r.indices.len()).sum();
        let mut matrix = CsrMatrix {
            n_cols,
            indptr: Vec::with_capacity(rows.len() + 1),
            indices: Vec::with_capacity(nnz),
            values: Vec::with_capacity(nnz),
        };
        matrix.indptr.push(0);
        for row in rows {
            matrix.indices.extend_from_slice(&row.indices);
            matrix.values.extend_from_slice(&row.values);
            matrix.indptr.push(matrix.indices.len());
        }
        matrix
    }

    pub fn n_rows(&self) -> usize {
        self.indptr.len() - 1
    }

    pub fn n_cols(&self) -> usize {
        self.n_cols
    }

    pub fn nnz(&self) -> usize {
        self.indices.len()
    }

    pub fn row(&self, i: usize) -> (&[u32], &[f32]) {
        let range = self.indptr[i]..self.indptr[i + 1];
        (&self.indices[range.clone()], &self.values[range])
    }

    /// Row `i` as an owned [`SparseRow`].
    pub fn row_owned(&self, i: usize) -> SparseRow {
        let (indices, values) = self.row(i);
        SparseRow { indices: indices.to_vec(), values: values.to_vec() }
    }

    /// The transpose, also in CSR form (so columns of `self` become rows).
    /// Within each output row, entries keep the order of the input rows,
    /// which keeps sums over them deterministic.
    pub fn transpose(&self) -> CsrMatrix {
        let mut counts = vec![0usize; self.n_cols + 1];
        for &c in &self.indices {
            counts[c as usize + 1] += 1;
        }
        for c in 0..self.n_cols {
            counts[c + 1] += counts[c];
        }
        let indptr = counts.clone();
        let mut next = counts;
        let mut indices = vec![0u32; self.nnz()];
        let mut values = vec![0f32; self.nnz()];
        for r in 0..self.n_rows() {
            let (cols, vals) = self.row(r);
            for (&c, &v) in cols.iter().zip(vals) {
                let slot = next[c as usize];
                indices[slot] = r as u32;
                values[slot] = v;
                next[c as usize] += 1;
            }
        }
        CsrMatrix { n_cols: self.n_rows(), indptr, indices, values }
    }

    /// Number of stored entries in each column.
    pub fn column_counts(&self) -> Vec<usize> {
        let mut counts = vec![0usize; self.n_cols];
        for &c in &self.indices {
            counts[c as usize] += 1;
        }
        counts
    }

    /// The same matrix with column `j` moved to `new_index[j]`.
    pub fn permute_columns(&self, new_index: &[u32]) -> CsrMatrix {
        let mut indices = Vec::with_capacity(self.nnz());
        let mut values = Vec::with_capacity(self.nnz());
        let mut entries: Vec<(u32, f32)> = Vec::new();
        for r in 0..self.n_rows() {
            let (cols, vals) = self.row(r);
            entries.clear();
            entries.extend(cols.iter().zip(vals).map(|(&c, &v)| (new_index[c as usize], v)));
            entries.sort_unstable_by_key(|(c, _)| *c);
            indices.extend(entries.iter().map(|(c, _)| *c));
            values.extend(entries.iter().map(|(_, v)| *v));
        }
        CsrMatrix { n_cols: self.n_cols, indptr: self.indptr.clone(), indices, values }
    }

    /// Dense copy, for cross-checking against dense solvers on small data.
    pub fn to_dense(&self) -> Array2<f64> {
        let mut dense = Array2::zeros((self.n_rows(), self.n_cols));
        for r in 0..self.n_rows() {
            let (cols, vals) = self.row(r);
            for (&c, &v) in cols.iter().zip(vals) {
                dense[[r, c as usize]] = v as f64;
            }
        }
        dense
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> CsrMatrix {
        let rows = vec![
            SparseRow { indices: vec![0, 2], values: vec![1.0, 2.0] },
            SparseRow::default(),
            SparseRow { indices: vec![1, 2], values: vec![3.0, 4.0] },
        ];
        CsrMatrix::from_rows(&rows, 3)
    }

    #[test]
    fn builds_and_reads_rows() {
        let m = example();
        assert_eq!((m.n_rows(), m.n_cols(), m.nnz()), (3, 3, 4));
        assert_eq!(m.row(1), (&[][..], &[][..]));
        assert_eq!(m.row(2), (&[1u32, 2][..], &[3.0f32, 4.0][..]));
    }

    #[test]
    fn transpose_matches_dense_transpose() {
        let m = example();
        assert_eq!(m.transpose().to_dense(), m.to_dense().t().to_owned());
        assert_eq!(m.transpose().transpose(), m);
    }

    #[test]
    fn permuting_columns_moves_dense_columns() {
        let m = example();
        assert_eq!(m.column_counts(), [1, 1, 2]);
        let p = m.permute_columns(&[2, 0, 1]);
        let (d, pd) = (m.to_dense(), p.to_dense());
        for j in 0..3 {
            assert_eq!(d.column(j), pd.column([2, 0, 1][j]));
        }
        assert_eq!(p.row(0).0, [1, 2]);
    }
}
