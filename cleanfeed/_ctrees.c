/* The tree walk of cleanfeed/_trees.py in C: every row through every tree, one call.
 *
 * scikit-learn's HistGradientBoostingClassifier scores one tree at a time (a compiled call
 * per tree, 1,200 trees in the shipped model); the numpy walk in _trees.py removes that
 * per-tree cost for short inputs but grows with rows x trees x depth in array operations.
 * This loop does the same comparisons with nothing between them: for each row, for each
 * tree, follow the children until a leaf and add its value to the row's score for the
 * tree's label.
 *
 * Same results to the bit as scikit-learn: a missing value (NaN) goes where the node's
 * missing_go_to_left says, any other value left when x <= threshold; and the caller starts
 * each row's scores from the baseline and the trees come iteration by iteration, so every
 * label's sum is made in scikit-learn's order (tests/test_trees.py checks both).
 *
 * Arrays come through the buffer protocol (C-contiguous numpy arrays), so the build needs
 * only Python's headers, not numpy's. The walk releases the GIL.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>

static int expect(Py_buffer *buf, Py_ssize_t count, Py_ssize_t itemsize, const char *name) {
    if (buf->len != count * itemsize) {
        PyErr_Format(PyExc_ValueError, "%s holds %zd bytes, expected %zd", name, buf->len, count * itemsize);
        return 0;
    }
    return 1;
}

/* One node, as _trees.TreeTable packs it (numpy dtype NODE, align=True): 32 bytes, so a
 * tree of ~60 nodes stays in the first-level cache while a block of rows goes through it. */
typedef struct {
    double threshold;
    double value;
    int32_t feature;
    int32_t left;
    int32_t right;
    uint8_t is_leaf;
    uint8_t missing_left;
} Node;

/* Rows go through the trees in blocks of this many: the block's feature rows stay in the
 * second-level cache while every tree visits them. */
#define ROW_BLOCK 64

/* How many trees ahead the walk asks for the nodes of. */
#define PREFETCH_AHEAD 4
#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch((p), 0, 3)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* check(nodes, roots, sizes, n_features): every index a walk will follow lies inside its
 * own tree.  The table comes from a fitted model, but a corrupt one must not make walk()
 * read out of bounds; _trees.TreeTable calls this once, when it is built, and walk() then
 * trusts the (read-only) table it is given. */
static PyObject *check(PyObject *self, PyObject *args) {
    Py_buffer nodes, roots, sizes;
    Py_ssize_t n_features;
    if (!PyArg_ParseTuple(args, "y*y*y*n", &nodes, &roots, &sizes, &n_features)) return NULL;
    PyObject *result = NULL;
    Py_ssize_t n_nodes = nodes.len / (Py_ssize_t)sizeof(Node), n_trees = roots.len / (Py_ssize_t)sizeof(int32_t);
    if (nodes.len % (Py_ssize_t)sizeof(Node) != 0 || !expect(&sizes, n_trees, sizeof(int32_t), "sizes")) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "the node table is not an array of nodes");
        goto done;
    }
    const Node *node_at = (const Node *)nodes.buf;
    const int32_t *root = (const int32_t *)roots.buf, *size = (const int32_t *)sizes.buf;
    for (Py_ssize_t t = 0; t < n_trees; t++) {
        if (root[t] < 0 || size[t] <= 0 || (Py_ssize_t)root[t] + size[t] > n_nodes) {
            PyErr_Format(PyExc_ValueError, "tree %zd has no root in the table", t);
            goto done;
        }
        for (int32_t i = 0; i < size[t]; i++) {
            const Node *n = node_at + root[t] + i;
            if (!n->is_leaf && (n->feature < 0 || n->feature >= n_features || n->left < 0 || n->left >= size[t] ||
                                n->right < 0 || n->right >= size[t])) {
                PyErr_Format(PyExc_ValueError, "node %d of tree %zd points outside the table", (int)i, t);
                goto done;
            }
        }
    }
    Py_INCREF(Py_None);
    result = Py_None;
done:
    PyBuffer_Release(&nodes);
    PyBuffer_Release(&roots);
    PyBuffer_Release(&sizes);
    return result;
}

static PyObject *walk(PyObject *self, PyObject *args) {
    Py_buffer nodes, roots, x, out;
    Py_ssize_t n_rows, n_features, n_labels;
    if (!PyArg_ParseTuple(args, "y*y*y*w*nnn", &nodes, &roots, &x, &out, &n_rows, &n_features, &n_labels)) return NULL;
    PyObject *result = NULL;
    Py_ssize_t n_trees = roots.len / (Py_ssize_t)sizeof(int32_t);
    if (nodes.len % (Py_ssize_t)sizeof(Node) != 0) {
        PyErr_SetString(PyExc_ValueError, "the node table is not an array of nodes");
        goto done;
    }
    if (n_rows < 0 || n_features <= 0 || n_labels <= 0 || n_trees % n_labels != 0) {
        PyErr_SetString(PyExc_ValueError, "bad shape: rows, features or labels");
        goto done;
    }
    if (!expect(&x, n_rows * n_features, sizeof(double), "X") || !expect(&out, n_rows * n_labels, sizeof(double), "out"))
        goto done;
    {
        const Node *node_at = (const Node *)nodes.buf;
        Py_ssize_t n_nodes = nodes.len / (Py_ssize_t)sizeof(Node);
        const int32_t *root = (const int32_t *)roots.buf;
        const double *xs = (const double *)x.buf;
        double *scores = (double *)out.buf;
        Py_BEGIN_ALLOW_THREADS
        for (Py_ssize_t first = 0; first < n_rows; first += ROW_BLOCK) {
            Py_ssize_t last = first + ROW_BLOCK < n_rows ? first + ROW_BLOCK : n_rows;
            /* Trees in order, so each label's sum is made in scikit-learn's order. */
            for (Py_ssize_t t = 0; t < n_trees; t++) {
                const Node *tree = node_at + root[t];
                Py_ssize_t label = t % n_labels;
                /* Ask for a later tree's nodes now: a short page's few rows walk each tree
                 * once, and every step of the first walk would wait on memory for its node.
                 * A hint only: no result depends on it. */
                if (t + PREFETCH_AHEAD < n_trees) {
                    const char *from = (const char *)(node_at + root[t + PREFETCH_AHEAD]);
                    const char *to = t + PREFETCH_AHEAD + 1 < n_trees ? (const char *)(node_at + root[t + PREFETCH_AHEAD + 1])
                                                                      : (const char *)(node_at + n_nodes);
                    for (const char *p = from; p < to; p += 64) PREFETCH(p);
                }
                for (Py_ssize_t r = first; r < last; r++) {
                    const double *row = xs + r * n_features;
                    const Node *n = tree;
                    while (!n->is_leaf) {
                        double v = row[n->feature];
                        int right = isnan(v) ? !n->missing_left : !(v <= n->threshold);
                        n = tree + (right ? n->right : n->left);
                    }
                    scores[r * n_labels + label] += n->value;
                }
            }
        }
        Py_END_ALLOW_THREADS
    }
    Py_INCREF(Py_None);
    result = Py_None;
done:
    PyBuffer_Release(&nodes);
    PyBuffer_Release(&roots);
    PyBuffer_Release(&x);
    PyBuffer_Release(&out);
    return result;
}

static PyMethodDef methods[] = {
    {"check", check, METH_VARARGS, "check(nodes, roots, sizes, n_features): raise ValueError if a walk could leave its tree."},
    {"walk", walk, METH_VARARGS,
     "walk(nodes, roots, X, out, n_rows, n_features, n_labels): "
     "add every tree's leaf value for every row of X to out (rows x labels, starting from the baseline)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_ctrees", "cleanfeed's compiled tree walk.", -1, methods};

PyMODINIT_FUNC PyInit__ctrees(void) { return PyModule_Create(&module); }
