package org.serveline.server.database;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.transaction.annotation.Transactional;

/**
 * Wraps every {@code @Transactional} bean method (annotated on the method or its class) in a {@link TransactionRetry},
 * outside the transaction: the retry starts a fresh transaction each time. An infrastructure advisor, so the
 * auto-proxy creator that applies {@code @Transactional} applies it too.
 */
@Configuration(proxyBeanMethods = false)
class TransactionRetryConfiguration {

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static TransactionRetry transactionRetry() {
        return new TransactionRetry();
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor transactionRetryAdvisor(TransactionRetry retry) {
        DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(
                new ComposablePointcut(new AnnotationMatchingPointcut(Transactional.class, true))
                        .union(AnnotationMatchingPointcut.forMethodAnnotation(Transactional.class)), retry);
        // the transaction advisor has the lowest precedence: this one, just above it, runs outside it
        advisor.setOrder(Ordered.LOWEST_PRECEDENCE - 1);
        return advisor;
    }
}
