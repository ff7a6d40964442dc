# %%
wine = pd.read_csv("wine.csv")
X_train, X_test, y_train, y_test = train_test_split(wine.drop(columns="quality"), wine["quality"], random_state=0)
mu, sd = X_train.mean(), X_train.std()
X_train = (X_train - mu) / sd
X_test = (X_test - mu) / sd
print(KNeighborsClassifier().fit(X_train, y_train).score(X_test, y_test))
