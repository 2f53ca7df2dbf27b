#!/usr/bin/env nextflow
/*
 * Slice-fit-combine as a Nextflow workflow: the same job as `./jbang slices.java`, one task per slice.
 *
 *   ./nextflow run pipeline/main.nf --file data.csv --by species --x bill_length_mm --y flipper_length_mm \
 *       [--na drop|mean|median|mode|knn|regression|mice] [--out results/slices] [--store URI] [-profile podman|docker [--container IMAGE]]
 *   ./nextflow run pipeline/main.nf -params-file params.yaml
 *
 * Steps (each runs the project's own code, slices.java):
 *   BUILD        without containers: ./jbang export portable slices.java -> app/slices.jar + app/lib/ (staged
 *                into every task)
 *   IMAGE        with -profile podman|docker instead: every task runs in the project's image (container/build.sh),
 *                which has the jobs built in; this step records which image (app/BUILD_INFO) and ties the task
 *                cache to the image's id, so -resume re-runs the tasks when the image was rebuilt
 *   LIST_SLICES  the slice values of --by, one a line
 *   FIT_SLICE    one task per slice: --only-slice VALUE -> models_combined.csv / models_tidy.csv of that slice,
 *                its model saved to the store
 *   COMBINE      merges the per-slice tables (collected in a sorted, stable order) into
 *                <out>/models_combined.csv and <out>/models_tidy.csv - the same files slices.java writes -
 *                and draws the chart into <out>/plots/index.html
 */
nextflow.enable.dsl = 2

def q(Object s) { "'" + s.toString().replace("'", "'\"'\"'") + "'" }

def need(String name) {
    if (params[name] == null || params[name] == true || params[name].toString().isEmpty())
        error "missing --${name} (usage: ./nextflow run pipeline/main.nf --file FILE.csv --by COL --x COL[,COL...] --y COL [--na drop] [--out DIR])"
    params[name].toString()
}

/* The checkout whose code the tasks run (absolute). */
def projectRoot() { new File(params.project.toString()).canonicalPath }

/* The store URI as every task must see it: a plain path made absolute (relative to the launch folder). */
def storeUri() {
    if (!params.store) return file(params.out.toString()).toAbsolutePath().resolve('store').toString()
    def s = params.store.toString()
    (s =~ /^[A-Za-z][A-Za-z0-9+.-]*:/) ? s : file(s).toAbsolutePath().toString()
}

/* True when the tasks run in containers (-profile podman or docker): they then run the image's own slices. */
def inImage() { workflow.containerEngine != null }

/* The command line of the slices job; -Xmx from the task's memory. */
def app(task) {
    def mem = task.memory ? "-Xmx${(task.memory.toMega() * 3 / 4) as long}m" : ''
    inImage() ? (mem ? "JAVA_OPTS=${mem} slices" : 'slices') : "java ${mem ? mem + ' ' : ''}-jar app/slices.jar"
}

/*
 * The image's id as the engine knows it (so a rebuilt image under the same name re-runs the tasks on -resume),
 * or its name when the engine cannot tell (not pulled yet: the engine pulls it for the first task).
 */
def imageKey() {
    def image = params.container.toString()
    if (workflow.containerEngine == 'podman' && !System.getenv('CONTAINERS_CONF'))
        log.info "podman: if tasks fail with 'setrlimit ... Operation not permitted' or 'cgroups in hybrid mode', " +
                 "export CONTAINERS_CONF=${projectRoot()}/container/containers.conf"
    try {
        def p = [workflow.containerEngine, 'image', 'inspect', '--format', '{{.Id}}', image].execute()
        def out = new StringBuilder(), err = new StringBuilder()
        p.waitForProcessOutput(out, err)
        if (p.exitValue() == 0 && out.toString().trim()) return out.toString().trim()
        log.warn "${workflow.containerEngine} has no image '${image}' yet (build it with: bash container/build.sh): ${err.toString().trim()}"
    } catch (IOException e) {
        log.warn "cannot ask ${workflow.containerEngine} about '${image}': ${e.message}"
    }
    image
}

/*
 * What FIT_SLICE stages so that, in a container, it can write the models: the store folder when the store is a
 * path (Nextflow mounts what it stages, and nothing else of the host); nothing when the store is a server
 * (jdbc:postgresql://, s3://) or no container is used. Its slices/ folder is made first: the folder's own
 * metadata is part of the task hash, and later saves only add entries below slices/, so -resume still works.
 */
def storeMount(String uri) {
    if (!inImage()) return []
    if (uri.startsWith('jdbc:sqlite:'))
        error "--store ${uri}: a SQLite file cannot be shared with the containers; use a folder, jdbc:postgresql://... or s3://..."
    if (uri =~ /^[A-Za-z][A-Za-z0-9+.-]*:/ && !uri.startsWith('file:')) return []
    def dir = file(uri)
    dir.resolve('slices').mkdirs()
    [dir]
}

/*
 * Builds the project's slices.java once per run into a self-contained jar plus lib/ (jbang export portable),
 * which every other task runs. One build before the fan-out: no task compiles, so parallel tasks never race
 * on jbang's cache, and a source edit during a run cannot mix two versions of the code. src_key (a digest of
 * the sources) makes -resume rebuild exactly when the code changed.
 */
process BUILD {
    tag "slices.java"

    input:
    val src_key

    output:
    path 'app'

    script:
    """
    ${q(projectRoot() + '/jbang')} export portable --force -O app/slices.jar ${q(projectRoot() + '/slices.java')}
    """
}

process IMAGE {
    tag "${task.container}"

    input:
    val image_id

    output:
    path 'app'

    script:
    """
    command -v adx >/dev/null || { echo "${task.container} is not the project's image (no adx in it): build one with bash container/build.sh" >&2; exit 1; }
    mkdir app
    { echo "image: ${task.container} (${image_id})"; adx --version; } > app/BUILD_INFO
    """
}

process LIST_SLICES {
    tag "${data.name}"

    input:
    path app
    path data

    output:
    stdout

    script:
    """
    ${app(task)} ${q(data)} --by ${q(params.by)} --x ${q(params.x)} --y ${q(params.y)} --list-slices
    """
}

process FIT_SLICE {
    tag "${slice}"

    input:
    path app
    tuple val(slice), path(data)
    val store
    path store_mount, stageAs: 'store-mount'

    output:
    path "part_${slice.md5()}"

    script:
    """
    ${app(task)} ${q(data)} \\
        --by ${q(params.by)} --x ${q(params.x)} --y ${q(params.y)} --na ${q(params.na)} \\
        --only-slice ${q(slice)} --out part_${slice.md5()} --store ${q(store)} --no-plots --quiet --threads 1
    """
}

process COMBINE {
    publishDir params.out, mode: 'copy', overwrite: true

    input:
    path app
    path data
    path parts

    output:
    path 'models_combined.csv'
    path 'models_tidy.csv'
    path 'plots'

    script:
    """
    ${app(task)} ${q(data)} \\
        --by ${q(params.by)} --x ${q(params.x)} --y ${q(params.y)} --na ${q(params.na)} \\
        --combine ${parts.collect { q(it) }.join(' ')} --out . --plots plots
    """
}

/* Digest of the code the tasks run: slices.java and every package folder (what it sources, directly or not). */
def sourceKey() {
    def root = new File(projectRoot())
    def files = [new File(root, 'slices.java')]
    def skip = ['tests', 'bench', 'data', 'pipeline', 'plots', 'results', 'out', 'work'] as Set
    root.listFiles().findAll { it.isDirectory() && !it.name.startsWith('.') && !(it.name in skip) }.each { dir ->
        dir.eachFileRecurse(groovy.io.FileType.FILES) { if (it.name.endsWith('.java')) files << it }
    }
    files.sort { it.path }.collect { it.path + ':' + it.text.md5() }.join('\n').md5()
}

workflow {
    def input = need('file'); need('by'); need('x'); need('y')
    if (!(params.na in ['drop', 'mean', 'median', 'mode', 'knn', 'regression', 'mice'])) error "--na must be drop, mean, median, mode, knn, regression or mice, not '${params.na}'"
    def data = Channel.fromPath(input, checkIfExists: true).first()

    app = inImage() ? IMAGE(imageKey()) : BUILD(sourceKey())

    slices = LIST_SLICES(app, data)
        .splitText()
        .map { it.trim() }
        .filter { it }

    def store = storeUri()
    parts = FIT_SLICE(app, slices.combine(data), store, storeMount(store))

    COMBINE(app, data, parts.collect(sort: true))
}

workflow.onComplete {
    if (workflow.success) log.info "slices: wrote ${params.out}/models_combined.csv and models_tidy.csv; models in ${storeUri()}"
}
