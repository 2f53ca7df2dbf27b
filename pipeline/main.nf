#!/usr/bin/env nextflow
/*
 * Slice-fit-combine as a Nextflow workflow: the same job as `./jbang slices.java`, one task per slice.
 *
 *   ./nextflow run pipeline/main.nf --file data.csv --by species --x bill_length_mm --y flipper_length_mm \
 *       [--na drop|mean|median|mode] [--out results/slices] [--store URI] [--container IMAGE]
 *   ./nextflow run pipeline/main.nf -params-file params.yaml
 *
 * Steps (each runs the project's own code, slices.java, through ./jbang):
 *   LIST_SLICES  the slice values of --by, one a line (also compiles slices.java once, before the fan-out)
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

process LIST_SLICES {
    tag "${data.name}"

    input:
    path data

    output:
    stdout

    script:
    """
    ${q(params.project + '/jbang')} ${q(params.project + '/slices.java')} ${q(data)} --by ${q(params.by)} --list-slices
    """
}

process FIT_SLICE {
    tag "${slice}"

    input:
    tuple val(slice), path(data)

    output:
    path "part_${slice.md5()}"

    script:
    """
    ${q(params.project + '/jbang')} ${q(params.project + '/slices.java')} ${q(data)} \\
        --by ${q(params.by)} --x ${q(params.x)} --y ${q(params.y)} --na ${q(params.na)} \\
        --only-slice ${q(slice)} --out part_${slice.md5()} --store ${q(params.store)} --no-plots --quiet --threads 1
    """
}

process COMBINE {
    publishDir params.out, mode: 'copy', overwrite: true

    input:
    path data
    path parts

    output:
    path 'models_combined.csv'
    path 'models_tidy.csv'
    path 'plots'

    script:
    """
    ${q(params.project + '/jbang')} ${q(params.project + '/slices.java')} ${q(data)} \\
        --by ${q(params.by)} --x ${q(params.x)} --y ${q(params.y)} --na ${q(params.na)} \\
        --combine ${parts.collect { q(it) }.join(' ')} --out . --plots plots
    """
}

workflow {
    def file = need('file'); need('by'); need('x'); need('y')
    if (!(params.na in ['drop', 'mean', 'median', 'mode'])) error "--na must be drop, mean, median or mode, not '${params.na}'"
    def data = Channel.fromPath(file, checkIfExists: true).first()

    slices = LIST_SLICES(data)
        .splitText()
        .map { it.trim() }
        .filter { it }

    parts = FIT_SLICE(slices.combine(data))

    COMBINE(data, parts.collect(sort: true))
}

workflow.onComplete {
    if (workflow.success) log.info "slices: wrote ${params.out}/models_combined.csv and models_tidy.csv; models in ${params.store}"
}
