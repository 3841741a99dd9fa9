/** The example as a module: Moonstack is required like any library module. */
module example.consumer {
    requires dev.moonstack;
}
