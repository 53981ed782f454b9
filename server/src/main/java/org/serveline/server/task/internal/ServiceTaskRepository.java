package org.serveline.server.task.internal;

import org.serveline.server.task.ServiceTask;
import org.springframework.data.repository.ListCrudRepository;

public interface ServiceTaskRepository extends ListCrudRepository<ServiceTask, Long> {
}
