# %%
sales = pd.read_csv("sales.csv")
low, high = sales["amount"].quantile(0.01), sales["amount"].quantile(0.99)
sales["amount"] = sales["amount"].clip(low, high)
# %%
X_train, X_test, y_train, y_test = train_test_split(sales[["amount", "visits"]], sales["churn"], random_state=0)
print(accuracy_score(y_test, DecisionTreeClassifier(random_state=0).fit(X_train, y_train).predict(X_test)))
