package dev.netloom.hpo.storage;

/** The storage contract for {@link InMemoryStorage}. */
class InMemoryStorageTest extends StorageContract {

    @Override
    protected Storage openFresh() {
        return new InMemoryStorage();
    }

    @Override
    protected Storage openAgain() {
        return storage;
    }
}
